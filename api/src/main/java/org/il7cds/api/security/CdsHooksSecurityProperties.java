package org.il7cds.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code il7cds.security.cds-hooks.*}: the CDS clients whose signed JWTs /cds-services accepts (CDS Hooks 2.0
 * "Trusting CDS Clients"). Without {@code service-base-url} and at least one client, only API keys work there.
 *
 * @param serviceBaseUrl the service's public base URL (e.g. {@code https://cds.il7cds.example}); a token's {@code aud}
 *     must be this plus the path called ({@code .../cds-services/il7cds-eligibility})
 * @param clients the trusted CDS clients, each by its {@code iss}
 * @param algorithms the JWS algorithms accepted (never {@code none}; CDS Hooks names ES384 and RS384)
 * @param maxTokenLifetime how far in the future {@code exp} may be (CDS Hooks: at most 5 minutes)
 * @param clockSkew the tolerance on {@code exp} and {@code iat}
 * @param jwksConnectTimeout connecting to a client's JWKS URL
 * @param jwksReadTimeout reading a client's JWKS URL
 */
@ConfigurationProperties("il7cds.security.cds-hooks")
public record CdsHooksSecurityProperties(String serviceBaseUrl, @DefaultValue List<Client> clients,
        @DefaultValue({"ES384", "RS384", "ES256", "RS256"}) List<String> algorithms,
        @DefaultValue("5m") Duration maxTokenLifetime, @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("1s") Duration jwksConnectTimeout, @DefaultValue("2s") Duration jwksReadTimeout) {

    /**
     * One trusted CDS client.
     *
     * @param issuer its {@code iss}
     * @param jwksUrl where its public keys are (fetched and cached by Nimbus); or
     * @param jwks its JWK set inline (JSON); exactly one of the two
     * @param clientId the name rate limits, the access log and decision records use (default: the issuer)
     */
    public record Client(String issuer, String jwksUrl, String jwks, String clientId) {
    }
}
