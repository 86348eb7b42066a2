package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.HostileJson;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * A property over every POST operation, with a seeded generator (java.util.Random: a failure names its seed and
 * case): whatever the body, the credential or the path, the answer is never a 5xx, and every 4xx is an
 * application/problem+json with a documented type. The rules-administration operations answer 404 until they are
 * merged; the property holds for them as it will then.
 */
class HostileInputIT extends ApiIT {

    private static final long SEED = 0x17CD5L;

    record Target(String path, TestKeys key, Supplier<String> body) {
    }

    @Test
    void hostileRequestsNeverYieldA5xxAndEveryErrorIsAProblem() {
        HostileJson gen = new HostileJson(SEED);
        Random random = new Random(SEED);
        List<Target> targets = List.of(
                new Target("/v1/eligibility/assessments", TestKeys.SCREENER, gen::anyBody),
                new Target("/v1/eligibility/assessments/batch", TestKeys.PHARMACIST, () -> random.nextBoolean()
                        ? gen.batchBody() : gen.anyBody()),
                new Target("/v1/dosing/calendars", TestKeys.PHARMACIST, gen::calendarBody),
                new Target("/v1/rules/validations", TestKeys.INFORMATICIAN, gen::anyBody),
                new Target("/v1/rules/previews", TestKeys.INFORMATICIAN, gen::anyBody),
                new Target("/v1/rules/activations", TestKeys.INFORMATICIAN, gen::anyBody),
                new Target("/v1/rules/rollbacks", TestKeys.INFORMATICIAN, gen::anyBody));
        int cases = 3000;
        for (int i = 0; i < cases; i++) {
            Target t = targets.get(random.nextInt(targets.size()));
            String body = t.body().get();
            boolean hostileCredential = random.nextInt(12) == 0;
            String authorization = hostileCredential ? gen.authorization() : t.key().authorization();
            byte[] bytes = gen.bytes(body);
            HttpRequest request = HttpRequest.newBuilder(uri(t.path())).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            HttpResponse<String> r = send(request);
            String what = "seed " + SEED + " case " + i + ": POST " + t.path() + " " + HostileJson.abbreviate(body);
            assertHandled(r, what);
            if (hostileCredential) {
                // The body-size limit is checked first (it costs nothing and tells nothing).
                assertThat(r.statusCode()).as(what).isEqualTo(bytes.length > 1_048_576 ? 413 : 401);
            }
        }
    }

    @Test
    void hostilePathsNeverYieldA5xx() {
        List<String> paths = List.of("/v1/protocols/%2e%2e/%2e%2e/actuator/env", "/v1/protocols/..%2F..%2Fetc",
                "/v1/protocols/levy-2009;jsessionid=1", "//v1/protocols", "/v1/protocols/%00",
                "/v1/protocols/%C0%AF", "/v1/protocols/" + "a".repeat(4000), "/v1/protocols/LEVY%202009",
                "/v1/./protocols", "/v1/protocols/levy-2009%2F", "/v1/protocols/%C3%A9", "/v1/rules/version/..",
                "/swagger-ui/../v1/protocols", "/actuator/health/../../v1/protocols");
        for (String auth : new String[] {TestKeys.AUDITOR.authorization(), null}) {
            for (String path : paths) {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
                if (auth != null) {
                    b.header("Authorization", auth);
                }
                HttpResponse<String> r = send(b.build());
                assertThat(r.statusCode()).as(path).isLessThan(500);
                if (r.statusCode() >= 400) {
                    assertThat(contentType(r)).as(path + " " + r.statusCode()).startsWith(PROBLEM_JSON);
                }
                if (auth == null) {
                    // 414: a path above 2000 characters is refused before authentication.
                    assertThat(r.statusCode()).as("anonymous " + path).isIn(400, 401, 404, 414);
                }
            }
        }
    }

    /** Request lines no HTTP client would send; Tomcat refuses them itself, still with a problem. */
    @Test
    void malformedRequestLinesGetAProblemToo() throws Exception {
        for (String target : List.of("/v1/protocols/%ZZ", "/v1/protocols/|{}", "/v1/protocols/levy-2009 x",
                "/v1/protocols/\u00e9\u0001", "/v1/protocols/..%2F..%2Fetc", "*", "v1/protocols")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                        + TestKeys.AUDITOR.authorization() + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                int status = Integer.parseInt(answer.substring(9, 12));
                assertThat(status).as(target + ": " + answer).isBetween(400, 499);
                assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as(target + ": " + answer)
                        .contains("content-type: application/problem+json").doesNotContain("<html");
            }
        }
    }
}
