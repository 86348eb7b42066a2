package org.il7cds.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.api.Il7cdsApiApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of every end-to-end test: the real service on a random port, the real engine and the packaged rules, on a
 * fixed clock, with the test credentials of profile {@code it} (an API key per role, {@link TestKeys}, and a local
 * JWT issuer, {@link TestJwt}). Every subclass keeps exactly this configuration, so Spring builds (and the rules
 * compile) once. The helpers send the pharmacist's key (eligibility and calendars) unless told otherwise.
 */
@SpringBootTest(classes = Il7cdsApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({FixedClockConfiguration.class, TestJwt.class})
@ActiveProfiles("it")
public abstract class ApiIT {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEMS = "https://il7cds.example/problems/";

    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The credential the helpers send by default: the pharmacist's API key. */
    protected static final String DEFAULT_AUTHORIZATION = TestKeys.PHARMACIST.authorization();

    protected HttpResponse<String> get(String path, String accept) {
        return get(path, accept, DEFAULT_AUTHORIZATION);
    }

    /** GET with this Authorization header value (null: none). */
    protected HttpResponse<String> get(String path, String accept, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    protected HttpResponse<String> post(String path, String body) {
        return post(path, body, "application/json", null);
    }

    protected HttpResponse<String> post(String path, String body, String contentType, String accept) {
        return post(path, body, contentType, accept, DEFAULT_AUTHORIZATION);
    }

    /** POST with this Authorization header value (null: none). */
    protected HttpResponse<String> post(String path, String body, String contentType, String accept,
            String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b.build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** For hostile input: never a 5xx; a 4xx is a problem+json with a documented type; a 200 is JSON. */
    public static void assertHandled(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as(what).isLessThan(500);
        if (r.statusCode() >= 400) {
            assertThat(contentType(r)).as(what).startsWith(PROBLEM_JSON);
            assertThat(json(r).path("type").asString()).as(what).startsWith(PROBLEMS);
        } else {
            assertThat(contentType(r)).as(what).startsWith("application/json");
        }
    }

    /** The fields a problem's {@code errors} name, in order. */
    protected static List<String> errorFields(HttpResponse<String> r) {
        List<String> fields = new ArrayList<>();
        json(r).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    /** Asserts a 400 validation problem naming {@code field} among its errors. */
    protected static void assertValidationNames(HttpResponse<String> r, String field, String what) {
        assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(400);
        assertThat(json(r).path("type").asString()).as(what).isEqualTo(PROBLEMS + "validation");
        assertThat(errorFields(r)).as(what).contains(field);
    }

    /** Asserts a problem+json answer with this status and type, valid against openapi.yaml; returns its body. */
    protected static JsonNode assertProblem(HttpResponse<String> response, int status, String type, String method,
            String path) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(contentType(response)).startsWith(PROBLEM_JSON);
        JsonNode problem = json(response);
        assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("\tat ", "Exception", "\"trace\"", "stackTrace");
        if (path != null) {
            Contract.assertValid(method, path, response);
        }
        return problem;
    }
}
