package org.il7cds.api.security;

import java.util.stream.Collectors;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API-key client: the principal is the client id; the key itself is not kept. */
final class ApiKeyAuthentication extends ClientAuthentication {

    ApiKeyAuthentication(ApiKeys.Client client) {
        super(client.clientId(), client.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority()))
                .collect(Collectors.toSet()));
    }
}
