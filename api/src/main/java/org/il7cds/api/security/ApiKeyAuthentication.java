package org.il7cds.api.security;

import java.util.stream.Collectors;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API-key client: the principal is the client id; the key itself is not kept. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeys.Client client;

    ApiKeyAuthentication(ApiKeys.Client client) {
        super(client.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).collect(Collectors.toSet()));
        this.client = client;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return client.clientId();
    }

    @Override
    public String getName() {
        return client.clientId();
    }
}
