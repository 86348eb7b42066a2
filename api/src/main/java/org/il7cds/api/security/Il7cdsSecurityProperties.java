package org.il7cds.api.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code il7cds.security.*}: the API keys (hashes only) and the JWT role and audience settings.
 *
 * @param apiKeys the API keys, each {@code client-id}, {@code hash} ({@code sha256:<64 hex>}) and {@code roles}
 * @param jwt the bearer-token settings, used only when Spring's resource server has a JWT decoder
 */
@ConfigurationProperties("il7cds.security")
public record Il7cdsSecurityProperties(@DefaultValue List<ApiKey> apiKeys, @DefaultValue Jwt jwt) {

    /** One client's API key: never the key itself, only its SHA-256 hash. */
    public record ApiKey(String clientId, String hash, @DefaultValue List<String> roles) {
    }

    /**
     * @param rolesClaim the claim holding the roles (a list, or a space-separated string); a dotted path such as
     *     {@code realm_access.roles} walks into nested objects
     * @param audience the audience every token must name in {@code aud}; required when JWT is active
     * @param clientIdClaims the claims naming the calling client, first present wins (rate limits, access log)
     */
    public record Jwt(@DefaultValue("roles") String rolesClaim, String audience,
            @DefaultValue({"azp", "client_id", "sub"}) List<String> clientIdClaims) {
    }

    /** {@code il7cds.rate-limit.*}: a token bucket per authenticated client. */
    @ConfigurationProperties("il7cds.rate-limit")
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("10") double requestsPerSecond,
            @DefaultValue("20") int burst, @DefaultValue Map<String, ClientLimit> clients) {
    }

    /** A per-client override of the rate limit ({@code il7cds.rate-limit.clients.<client-id>.*}). */
    public record ClientLimit(Double requestsPerSecond, Integer burst) {
    }

    /** {@code il7cds.cors.*}: CORS stays off unless origins are listed. */
    @ConfigurationProperties("il7cds.cors")
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }
}
