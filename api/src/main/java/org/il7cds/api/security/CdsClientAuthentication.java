package org.il7cds.api.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A CDS client authenticated by its signed JWT: it may call /cds-services only (authority {@value #AUTHORITY}). */
final class CdsClientAuthentication extends ClientAuthentication {

    static final String AUTHORITY = "CDS_CLIENT";

    CdsClientAuthentication(String clientId) {
        super(clientId, List.of(new SimpleGrantedAuthority(AUTHORITY)));
    }
}
