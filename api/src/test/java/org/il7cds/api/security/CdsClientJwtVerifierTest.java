package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CDS client JWT checks of CDS Hooks 2.0, against a client whose JWK set is fetched from a real HTTP server
 * (its jwks-url): each refusal for its own reason, and the key set fetched once and cached.
 */
class CdsClientJwtVerifierTest {

    private static final String ISSUER = "https://ehr.example";
    private static final String BASE = "https://cds.example";
    private static final String PATH = "/cds-services/il7cds-eligibility";
    private static ECKey key;
    private static HttpServer jwks;
    private static final AtomicInteger fetches = new AtomicInteger();
    private static CdsClientJwtVerifier verifier;

    @BeforeAll
    static void serveTheClientsKeys() throws Exception {
        key = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        verifier = new CdsClientJwtVerifier(properties("http://127.0.0.1:" + jwks.getAddress().getPort()
                + "/jwks.json", List.of("ES384")), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    private static CdsHooksSecurityProperties properties(String jwksUrl, List<String> algorithms) {
        return new CdsHooksSecurityProperties(BASE, List.of(new CdsHooksSecurityProperties.Client(ISSUER, jwksUrl,
                null, "clinic-ehr")), algorithms, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(2));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(BASE + PATH).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWTClaimsSet claims, ECKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(with));
        return jwt.serialize();
    }

    private static void refused(String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token, PATH)).isInstanceOf(CdsClientJwtVerifier.Refused.class)
                .hasMessage(reason);
    }

    @Test
    void aValidTokenNamesItsClientAndTheKeySetIsFetchedOnce() throws Exception {
        assertThat(verifier.verify(sign(claims().build(), key), PATH)).isEqualTo("clinic-ehr");
        assertThat(verifier.verify(sign(claims().build(), key), PATH)).isEqualTo("clinic-ehr");
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void expired() throws Exception {
        Instant past = Instant.now().minus(Duration.ofMinutes(30));
        refused(sign(claims().issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))).build(),
                key), "signature or claims not valid");
    }

    @Test
    void anotherAudience() throws Exception {
        refused(sign(claims().audience(BASE + "/cds-services/other").build(), key), "signature or claims not valid");
        assertThatThrownBy(() -> verifier.verify(sign(claims().build(), key), "/cds-services/other"))
                .isInstanceOf(CdsClientJwtVerifier.Refused.class);
    }

    @Test
    void anotherKey() throws Exception {
        refused(sign(claims().build(), new ECKeyGenerator(Curve.P_384).keyID("k1").generate()),
                "signature or claims not valid");
    }

    @Test
    void aReplayedJti() throws Exception {
        String token = sign(claims().build(), key);
        verifier.verify(token, PATH);
        refused(token, "jti replayed");
    }

    @Test
    void unsignedOrSymmetricOrAnotherAlgorithm() throws Exception {
        refused(new PlainJWT(claims().build()).serialize(), "not a signed JWT");
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hs.sign(new MACSigner(new byte[32]));
        refused(hs.serialize(), "algorithm not allowed");
        ECKey p256 = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        SignedJWT es256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(), claims().build());
        es256.sign(new ECDSASigner(p256));
        refused(es256.serialize(), "algorithm not allowed");
    }

    @Test
    void anUnknownIssuerNoJtiOrAnExpiryTooFarAhead() throws Exception {
        refused(sign(claims().issuer("https://elsewhere.example").build(), key), "unknown issuer");
        refused(sign(claims().jwtID(null).build(), key), "signature or claims not valid");
        refused(sign(claims().expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2)))).build(), key),
                "exp too far ahead");
        refused("not.a.jwt", "not a JWT");
    }

    @Test
    void aConfigurationAllowingNoneOrASymmetricAlgorithmIsRefusedAtStart() {
        assertThatThrownBy(() -> new CdsClientJwtVerifier(properties("http://127.0.0.1:1/jwks.json", List.of("none")),
                Clock.systemUTC())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CdsClientJwtVerifier(properties("http://127.0.0.1:1/jwks.json", List.of("HS256")),
                Clock.systemUTC())).isInstanceOf(IllegalStateException.class);
    }
}
