package org.il7cds.api.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** An authenticated client named by its client id (the principal); the credential itself is not kept. */
abstract class ClientAuthentication extends AbstractAuthenticationToken {

    private final String clientId;

    ClientAuthentication(String clientId, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
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
