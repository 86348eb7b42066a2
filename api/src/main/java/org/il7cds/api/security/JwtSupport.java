package org.il7cds.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Bearer JWTs: the required audience on top of whatever decoder is configured, and roles from a claim. */
final class JwtSupport {

    private JwtSupport() {
    }

    /**
     * Wraps the configured decoder (Boot's, from issuer-uri or jwk-set-uri, or a test's) so that every token must
     * name {@code audience} in {@code aud}, whatever the decoder itself validates.
     */
    static JwtDecoder requiringAudience(JwtDecoder delegate, String audience) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("JWT authentication is configured (spring.security.oauth2.resourceserver.jwt.*)"
                    + " but il7cds.security.jwt.audience is not: set the audience this service's tokens must carry");
        }
        OAuth2TokenValidator<Jwt> validator = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token is not meant for this"
                        + " service (aud)", null));
        return token -> {
            Jwt jwt = delegate.decode(token);
            OAuth2TokenValidatorResult result = validator.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException("audience not accepted", result.getErrors());
            }
            return jwt;
        };
    }

    /** A token's roles (known ones only) from the configured claim, and its client id from the client-id claims. */
    static Converter<Jwt, AbstractAuthenticationToken> authentication(Il7cdsSecurityProperties.Jwt config) {
        return jwt -> {
            Set<Role> roles = roles(jwt.getClaims(), config.rolesClaim());
            Collection<GrantedAuthority> authorities = roles.stream()
                    .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).collect(Collectors.toSet());
            return new JwtAuthenticationToken(jwt, authorities, ClientIds.fromJwt(jwt, config.clientIdClaims()));
        };
    }

    /** The known roles in a claim that is a list of strings or a space-separated string (dotted path: nested). */
    static Set<Role> roles(Map<String, Object> claims, String claimPath) {
        Object value = claims;
        for (String part : claimPath.split("\\.")) {
            value = value instanceof Map<?, ?> m ? m.get(part) : null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof String s) {
            names.addAll(List.of(s.trim().split("\\s+")));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> {
                if (v instanceof String s) {
                    names.add(s);
                }
            });
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(n -> Role.parse(n).ifPresent(roles::add));
        return roles;
    }
}
