package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.toJson;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestJwt;
import org.junit.jupiter.api.Test;

/**
 * Bearer JWTs from a local issuer (TestJwt: a fresh RSA key pair, the decoder trusts its public key): a valid
 * token passes, one that is expired, from another issuer, for another audience, signed by another key, unsigned
 * or not a token at all is a 401; a valid token without the role is a 403.
 */
class JwtIT extends ApiIT {

    private static final String ONE = "/v1/eligibility/assessments";

    private HttpResponse<String> assess(String authorization) {
        return post(ONE, toJson(assessment(eligibleCandidate())), "application/json", null, authorization);
    }

    private static void assertUnauthorizedToken(HttpResponse<String> r) {
        assertProblem(r, 401, "unauthorized", "POST", ONE);
        assertThat(r.headers().allValues("WWW-Authenticate")).anySatisfy(v -> assertThat(v).startsWith("Bearer")
                .contains("error=\"invalid_token\""));
        assertThat(json(r).path("detail").asString()).doesNotContain("Jwt", "expired at");
    }

    @Test
    void aValidTokenWithTheRolePasses() {
        HttpResponse<String> r = assess(TestJwt.bearer(List.of("screener")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", ONE, r);
        assertThat(json(r).path("verdict").asString()).isEqualTo("ELIGIBLE");
    }

    @Test
    void rolesMayBeASpaceSeparatedString() {
        assertThat(assess(TestJwt.bearer("auditor pharmacist")).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIs401() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        JWTClaimsSet expired = TestJwt.claims(List.of("screener")).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build();
        assertUnauthorizedToken(assess(TestJwt.bearer(expired)));
    }

    @Test
    void aTokenNotYetValidIs401() {
        JWTClaimsSet future = TestJwt.claims(List.of("screener"))
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build();
        assertUnauthorizedToken(assess(TestJwt.bearer(future)));
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        assertUnauthorizedToken(assess(TestJwt.bearer(TestJwt.claims(List.of("screener"))
                .issuer("https://evil.example").build())));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        assertUnauthorizedToken(assess(TestJwt.bearer(TestJwt.claims(List.of("screener"))
                .audience(List.of("some-other-api")).build())));
        assertUnauthorizedToken(assess(TestJwt.bearer(TestJwt.claims(List.of("screener")).audience((String) null)
                .build())));
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        assertUnauthorizedToken(assess("Bearer " + TestJwt.signByStranger(TestJwt.claims(List.of("screener")).build())));
    }

    @Test
    void anUnsignedTokenIs401() {
        String none = new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(),
                TestJwt.claims(List.of("screener")).build()).serialize();
        assertUnauthorizedToken(assess("Bearer " + none));
    }

    @Test
    void garbageIs401() {
        assertUnauthorizedToken(assess("Bearer not-a-token"));
        assertUnauthorizedToken(assess("Bearer eyJhbGciOiJSUzI1NiJ9.e30.AAAA"));
        HttpResponse<String> empty = assess("Bearer ");
        assertProblem(empty, 401, "unauthorized", "POST", ONE);
    }

    @Test
    void aValidTokenWithoutTheRoleIs403() {
        assertProblem(assess(TestJwt.bearer(List.of("auditor"))), 403, "forbidden", "POST", ONE);
        assertProblem(assess(TestJwt.bearer((Object) null)), 403, "forbidden", "POST", ONE);
        // Unknown roles are ignored, not mapped to anything.
        assertProblem(assess(TestJwt.bearer(List.of("admin", "ROLE_pharmacist"))), 403, "forbidden", "POST", ONE);
        // A role claim of the wrong shape carries no role.
        assertProblem(assess(TestJwt.bearer(Map.of("screener", true))), 403, "forbidden", "POST", ONE);
    }

    @Test
    void aValidTokenWithoutRolesMayStillReadWhatAnyCallerMayRead() {
        HttpResponse<String> r = get("/v1/rules/version", null, TestJwt.bearer((Object) null));
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
