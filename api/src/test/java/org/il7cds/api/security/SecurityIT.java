package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;

/** API-key details, the 401 challenge, no default user, security headers and CORS (off unless configured). */
class SecurityIT extends ApiIT {

    @Autowired
    ApplicationContext context;

    private HttpResponse<String> getWith(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    @Test
    void withoutCredentialsTheChallengeNamesBothSchemes() {
        HttpResponse<String> r = get("/v1/protocols", null, null);
        assertProblem(r, 401, "unauthorized", "GET", "/v1/protocols");
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("ApiKey realm=\"il7cds\"",
                "Bearer realm=\"il7cds\"");
    }

    @Test
    void theKeyMayComeInXApiKeyOrWithAnyCaseOfTheScheme() {
        assertThat(getWith("/v1/protocols", "X-API-Key", TestKeys.AUDITOR.key()).statusCode()).isEqualTo(200);
        assertThat(getWith("/v1/protocols", "Authorization", "apikey " + TestKeys.AUDITOR.key()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void twoCredentialsAnEmptyKeyOrAKeyAlmostRightAre401() {
        assertProblem(getWith("/v1/protocols", "Authorization", TestKeys.AUDITOR.authorization(), "X-API-Key",
                TestKeys.AUDITOR.key()), 401, "unauthorized", "GET", "/v1/protocols");
        assertProblem(getWith("/v1/protocols", "Authorization", "ApiKey "), 401, "unauthorized", "GET", "/v1/protocols");
        assertProblem(getWith("/v1/protocols", "X-API-Key", " "), 401, "unauthorized", "GET", "/v1/protocols");
        String key = TestKeys.AUDITOR.key();
        assertProblem(getWith("/v1/protocols", "X-API-Key", key.substring(0, key.length() - 1) + "X"), 401,
                "unauthorized", "GET", "/v1/protocols");
        assertProblem(getWith("/v1/protocols", "X-API-Key", "x".repeat(5000)), 401, "unauthorized", "GET",
                "/v1/protocols");
        // The hash is not a key.
        assertProblem(getWith("/v1/protocols", "X-API-Key", ApiKeys.hash(key)), 401, "unauthorized", "GET",
                "/v1/protocols");
    }

    @Test
    void aKeySentWithoutTheApiKeyPrefixGetsA401SayingSo() {
        for (String value : new String[] {TestKeys.AUDITOR.key(), "Token " + TestKeys.AUDITOR.key()}) {
            JsonNode problem = assertProblem(getWith("/v1/protocols", "Authorization", value), 401, "unauthorized",
                    "GET", "/v1/protocols");
            assertThat(problem.path("detail").asString())
                    .startsWith("The Authorization header does not start with 'ApiKey ': send the key as"
                            + " Authorization: ApiKey <key>")
                    .doesNotContain(TestKeys.AUDITOR.key());
        }
        // Without any Authorization header the detail stays the general one.
        assertThat(assertProblem(get("/v1/protocols", null, null), 401, "unauthorized", "GET", "/v1/protocols")
                .path("detail").asString()).startsWith("This operation needs a credential");
    }

    @Test
    void thereIsNoDefaultUserNorBasicAuthentication() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
        String basic = "Basic " + Base64.getEncoder().encodeToString("user:password".getBytes(StandardCharsets.UTF_8));
        assertProblem(getWith("/v1/protocols", "Authorization", basic), 401, "unauthorized", "GET", "/v1/protocols");
    }

    @Test
    void apiResponsesCarryTheSecurityHeaders() {
        for (HttpResponse<String> r : new HttpResponse[] {get("/v1/protocols", null), get("/v1/protocols", null, null)}) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'", "frame-ancestors 'none'"));
        }
    }

    @Test
    void swaggerUiGetsAPolicyThatLetsItRun() {
        HttpResponse<String> r = get("/swagger-ui/index.html", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("default-src 'self'").contains("script-src 'self'", "connect-src 'self'",
                        "frame-ancestors 'none'"));
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // The page loads no inline script (the policy would block it).
        assertThat(r.body()).doesNotContainPattern("<script>[^<]");
    }

    @Test
    void corsIsOffUnlessConfigured() {
        HttpResponse<String> r = getWith("/v1/protocols", "Origin", "https://evil.example", "Authorization",
                TestKeys.AUDITOR.authorization());
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/v1/eligibility/assessments"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.statusCode()).isIn(401, 403);
    }

    @Test
    void theErrorPageIsNoPublicEndpoint() {
        assertProblem(get("/error", null, null), 401, "unauthorized", null, null);
    }
}
