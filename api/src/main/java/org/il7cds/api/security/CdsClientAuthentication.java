package org.il7cds.api.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A CDS client authenticated by its signed JWT: it may call /cds-services only (authority {@value #AUTHORITY}). */
final class CdsClientAuthentication extends AbstractAuthenticationToken {

    static final String AUTHORITY = "CDS_CLIENT";

    private final String clientId;

    CdsClientAuthentication(String clientId) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.clientId = clientId;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return clientId;
    }

    @Override
    public String getName() {
        return clientId;
    }
}
