package org.il7cds.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a CDS client's JWT as CDS Hooks 2.0 asks, with Nimbus JOSE+JWT: signed (never {@code alg: none}) with
 * an allowed algorithm by a key of the JWK set configured for its {@code iss} (a {@code jku} header is not
 * followed: only configured keys count); {@code aud} is the endpoint called; {@code exp}, {@code iat} and
 * {@code jti} are present; {@code exp} is no further than {@code max-token-lifetime} ahead; and a {@code jti} is
 * accepted once within its token's lifetime (the replay cache is in memory: per instance, and emptied on restart).
 */
final class CdsClientJwtVerifier {

    /** A refusal; its message is for the log-free problem detail only in general terms (see ProblemResponses). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final CdsHooksSecurityProperties properties;
    private final Clock clock;
    private final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    private final Map<String, JWKSource<SecurityContext>> keysByIssuer = new HashMap<>();
    private final Map<String, String> clientIdByIssuer = new HashMap<>();
    /** issuer + jti to the token's expiry. */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    CdsClientJwtVerifier(CdsHooksSecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        for (String a : properties.algorithms()) {
            JWSAlgorithm alg = JWSAlgorithm.parse(a);
            if ("none".equalsIgnoreCase(a) || !JWSAlgorithm.Family.SIGNATURE.contains(alg)) {
                throw new IllegalStateException("il7cds.security.cds-hooks.algorithms: " + a + " is not an asymmetric"
                        + " signature algorithm (allowed: " + JWSAlgorithm.Family.SIGNATURE + ")");
            }
            algorithms.add(alg);
        }
        for (CdsHooksSecurityProperties.Client c : properties.clients()) {
            if (c.issuer() == null || c.issuer().isBlank() || (c.jwksUrl() == null) == (c.jwks() == null)) {
                throw new IllegalStateException("il7cds.security.cds-hooks.clients: each client needs an issuer and"
                        + " exactly one of jwks-url and jwks");
            }
            keysByIssuer.put(c.issuer(), source(c));
            clientIdByIssuer.put(c.issuer(), ClientIds.sanitize(c.clientId() == null ? c.issuer() : c.clientId()));
        }
        if (!keysByIssuer.isEmpty() && (properties.serviceBaseUrl() == null || properties.serviceBaseUrl().isBlank())) {
            throw new IllegalStateException("il7cds.security.cds-hooks.service-base-url is required with clients:"
                    + " a token's aud is checked against it");
        }
    }

    boolean enabled() {
        return !keysByIssuer.isEmpty();
    }

    /** The audience a token for this request path must name: the configured base URL and the path. */
    String audience(String path) {
        String base = properties.serviceBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /** @return the client id of the verified client */
    String verify(String token, String path) throws Refused {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new Refused("not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new Refused("not a signed JWT");
        }
        if (!algorithms.contains(signed.getHeader().getAlgorithm())) {
            throw new Refused("algorithm not allowed");
        }
        String issuer;
        try {
            issuer = signed.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new Refused("claims unreadable");
        }
        JWKSource<SecurityContext> keys = issuer == null ? null : keysByIssuer.get(issuer);
        if (keys == null) {
            throw new Refused("unknown issuer");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(Set.of(audience(path))), new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(Set.of("iss", "aud", "exp", "iat", "jti")), new HashSet<>()) {
            // (Nimbus asks these sets whether they hold null: immutable sets would throw.)
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        JWTClaimsSet set;
        try {
            set = processor.process(signed, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new Refused("signature or claims not valid");
        }
        Instant now = clock.instant();
        Instant exp = set.getExpirationTime().toInstant();
        if (exp.isAfter(now.plus(properties.maxTokenLifetime()).plus(properties.clockSkew()))) {
            throw new Refused("exp too far ahead");
        }
        if (set.getIssueTime().toInstant().isAfter(now.plus(properties.clockSkew()))) {
            throw new Refused("iat in the future");
        }
        String jti = set.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new Refused("no jti");
        }
        forgetExpired(now);
        Instant keepUntil = exp.plus(properties.clockSkew());
        if (seen.putIfAbsent(issuer + "\n" + jti, keepUntil) != null) {
            throw new Refused("jti replayed");
        }
        return clientIdByIssuer.get(issuer);
    }

    private void forgetExpired(Instant now) {
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next().isBefore(now)) {
                it.remove();
            }
        }
    }

    private JWKSource<SecurityContext> source(CdsHooksSecurityProperties.Client c) {
        if (c.jwks() != null) {
            try {
                return new ImmutableJWKSet<>(JWKSet.parse(c.jwks()));
            } catch (ParseException e) {
                throw new IllegalStateException("il7cds.security.cds-hooks.clients: the jwks of " + c.issuer()
                        + " is not a JWK set");
            }
        }
        try {
            return JWKSourceBuilder.create(URI.create(c.jwksUrl()).toURL(), new DefaultResourceRetriever(
                    (int) properties.jwksConnectTimeout().toMillis(), (int) properties.jwksReadTimeout().toMillis(),
                    256 * 1024)).build();
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("il7cds.security.cds-hooks.clients: the jwks-url of " + c.issuer()
                    + " is not a URL");
        }
    }
}
