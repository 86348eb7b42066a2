package org.il7cds.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A local issuer for the tests: an RSA key pair generated per run, a JWT decoder trusting its public key and
 * checking the issuer (what Spring Boot configures from {@code issuer-uri} in production), and token minting.
 * The audience check is the service's own ({@code il7cds.security.jwt.audience}, see application-it.yaml).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestJwt {

    public static final String ISSUER = "https://issuer.il7cds.test";
    public static final String AUDIENCE = "il7cds-api-test";
    private static final KeyPair KEYS = rsa();
    /** Another key pair, trusted by nobody. */
    private static final KeyPair STRANGER = rsa();

    @Bean
    JwtDecoder testJwtDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder;
    }

    /** A token builder: valid for 5 minutes, from {@link #ISSUER} for {@link #AUDIENCE}, azp {@code jwt-client}. */
    public static JWTClaimsSet.Builder claims(Object roles) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(AUDIENCE))
                .subject("user-42").claim("azp", "jwt-client").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        if (roles != null) {
            b.claim("roles", roles);
        }
        return b;
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, KEYS);
    }

    public static String signByStranger(JWTClaimsSet claims) {
        return sign(claims, STRANGER);
    }

    public static String bearer(JWTClaimsSet claims) {
        return "Bearer " + sign(claims);
    }

    /** A valid token with these roles (a list, or a space-separated string). */
    public static String bearer(Object roles) {
        return bearer(claims(roles).build());
    }

    private static String sign(JWTClaimsSet claims, KeyPair keys) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
