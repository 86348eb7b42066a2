package org.il7cds.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The test CDS client of profile {@code it}: the private half of the EC P-384 key whose public half is the inline
 * JWK set of {@code il7cds.security.cds-hooks.clients} in application-it.yaml. Test-only, never a production key.
 * Tokens are built as CDS Hooks 2.0 describes (ES384, typ JWT, iss, aud, exp 5 minutes ahead, iat, jti).
 */
public final class TestCdsClient {

    public static final String ISSUER = "https://ehr.il7cds.test";
    public static final String SERVICE_BASE = "https://cds.il7cds.test";
    private static final ECKey KEY = parse("{\"kty\":\"EC\",\"d\":\"Dea08cCBQP3QhUW6TvrLQiBx-9gTU95lKK6HVDUGRGhjZx6hfLN"
            + "Cdch5LX7v8M1m\",\"crv\":\"P-384\",\"kid\":\"il7cds-test-cds-client\",\"x\":\"lQBHfMM4YBDkPDEa7mF_1Tn5"
            + "J3Bit6USgkv3Sh6xcP-ld4aCwbaffZ6FDAhi9QLB\",\"y\":\"EOA7i5rx-uRvkUvPTSU5IBeagMrLqx_iIIKD4iEHpWbOPzoy21"
            + "kWGg_RP8VsbRHb\"}");
    /** A key trusted by nobody, with the same key id. */
    private static final ECKey STRANGER = generate();

    private TestCdsClient() {
    }

    /** Claims for a call of this path ({@code /cds-services/...}): aud is the configured base URL + the path. */
    public static JWTClaimsSet.Builder claims(String path) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(SERVICE_BASE + path).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(UUID.randomUUID().toString())
                .subject("test-ehr");
    }

    /** {@code Bearer <a fresh valid token for this path>}. */
    public static String bearer(String path) {
        return "Bearer " + sign(claims(path).build());
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, KEY);
    }

    public static String signByStranger(JWTClaimsSet claims) {
        return sign(claims, STRANGER);
    }

    /** An unsecured JWT ({@code alg: none}). */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private static String sign(JWTClaimsSet claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID("il7cds-test-cds-client").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
