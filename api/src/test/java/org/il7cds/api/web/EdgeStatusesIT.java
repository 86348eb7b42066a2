package org.il7cds.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.RawHttp;
import org.il7cds.api.support.TestKeys;
import org.il7cds.engine.rules.RuleBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every status the edge gives an operation is declared for that operation in openapi.yaml, with an accurate
 * problem type (issue 12: a 9 KB header on GET /v1/protocols was an undeclared 400 "validation"). For each operation
 * of the contract, read from openapi.yaml itself: the refusals of Tomcat, of the firewall, of authentication and of
 * the body limits, each validated against the operation by the same validator as every other answer of the ITs.
 */
class EdgeStatusesIT extends ApiIT {

    private static final OpenAPI CONTRACT = new OpenAPIV3Parser().read(Objects.requireNonNull(
            EdgeStatusesIT.class.getClassLoader().getResource("static/openapi.yaml")).toString());

    /** What any operation can get before it runs: Tomcat, the firewall, the filters, authentication. */
    private static final List<String> EVERY_OPERATION = List.of("400", "401", "403", "406", "413", "429", "431", "500",
            "501");
    /** And an operation with a request body. */
    private static final List<String> WITH_A_BODY = List.of("408", "415");

    /** An operation of the contract, with a concrete path, a key that may call it and one that may not (or null). */
    record Operation(String method, String template, boolean hasBody, TestKeys allowed, TestKeys refused) {
        String path() {
            return template.replace("{protocolId}", "levy-2009").replace("{versionId}", "1")
                    .replace("{proposalId}", "1").replace("{decisionId}", "5b0e7c1a-3f2d-4a8e-9c61-2d4f8b7a9e10")
                    .replace("{calendarId}", "cal-511230bd2832c96e").replace("{serviceId}", "il7cds-eligibility");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static Stream<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        CONTRACT.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String m = method.name();
            operations.add(new Operation(m, path, op.getRequestBody() != null, allowed(m, path), refused(m, path)));
        }));
        return operations.stream();
    }

    private static TestKeys allowed(String method, String path) {
        if (path.equals("/v1/decisions/purges")) {
            return TestKeys.CUSTODIAN;
        }
        if (path.startsWith("/v1/eligibility") || path.startsWith("/v1/course") || path.startsWith("/cds-services")) {
            return TestKeys.SCREENER;
        }
        if (path.startsWith("/v1/dosing")) {
            return TestKeys.PHARMACIST;
        }
        if (method.equals("GET")) {
            return TestKeys.AUDITOR;
        }
        return TestKeys.INFORMATICIAN;
    }

    private static TestKeys refused(String method, String path) {
        if (path.startsWith("/v1/eligibility") || path.startsWith("/cds-services")
                || path.startsWith("/v1/rules") && !method.equals("GET")) {
            return TestKeys.AUDITOR;
        }
        if (path.startsWith("/v1/course")) {
            return TestKeys.PHARMACIST;
        }
        if (path.startsWith("/v1/dosing") || path.startsWith("/v1/rules/versions") || path.startsWith("/v1/rules/diffs")
                || path.startsWith("/v1/rules/proposals") || path.startsWith("/v1/decisions")) {
            return TestKeys.SCREENER;
        }
        return null; // any role may call it
    }

    @Test
    void everyOperationDeclaresTheStatusesOfTheEdge() {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        CONTRACT.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            List<String> expected = new ArrayList<>(EVERY_OPERATION);
            if (op.getRequestBody() != null) {
                expected.addAll(WITH_A_BODY);
            }
            expected.removeAll(op.getResponses().keySet());
            if (!expected.isEmpty()) {
                missing.put(method + " " + path, expected);
            }
        }));
        assertThat(missing).as("statuses the edge can answer but openapi.yaml does not declare").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyRefusalAtTheEdgeIsDeclaredAndTyped(Operation op) throws IOException {
        String key = op.allowed().authorization();
        expect(op, send(op, null, null), 401, "unauthorized");
        if (op.refused() != null) {
            expect(op, send(op, op.refused().authorization(), null), 403, "forbidden");
        }
        expect(op, send(op, key, "text/html"), 406, "not-acceptable");
        // Head in one write, no body: Tomcat refuses the head as soon as it passes 8 KB and closes; bytes still
        // arriving then would reset the connection before the client reads the answer.
        expect(op, raw(op, op.path(), "Authorization: " + key, "X-Padding: " + "x".repeat(9000)), 431,
                "header-too-large");
        expect(op, raw(op, op.path() + "?q=|", "Authorization: " + key), 400, "malformed-request");
        expect(op, raw(op, op.path(), "Authorization: " + key, "Content-Type: application/json",
                "Content-Length: 2000000"), 413, "payload-too-large");
        expect(op, raw(op, op.path(), "Authorization: " + key, "Content-Type: application/json",
                "Transfer-Encoding: gzip, chunked"), 501, "not-implemented");
        if (op.hasBody()) {
            expect(op, send(op, key, "text/plain", "{}", null), 415, "unsupported-media-type");
            expect(op, send(op, key, "multipart/form-data; boundary=x", "--x\r\nbroken", null), 415,
                    "unsupported-media-type");
            expect(op, chunked(op, key, 1_100_000), 413, "payload-too-large");
        }
        if (op.template().contains("{")) {
            expect(op, getAnswer(op.template().replaceAll("\\{[A-Za-z]+}", "p".repeat(2100)), key), 414, "uri-too-long");
        }
    }

    @Test
    void anUnknownMethodIs405AndAPathTheFirewallRefusesIs400NeitherAValidationProblem() throws IOException {
        RawHttp.Answer unknown = RawHttp.read(RawHttp.send(port, RawHttp.head("FOO", "/v1/protocols",
                "Authorization: " + TestKeys.AUDITOR.authorization(), "Connection: close")), Duration.ofSeconds(10));
        assertThat(unknown.status()).isEqualTo(405);
        assertThat(unknown.body()).contains(PROBLEMS + "method-not-allowed");
        for (String path : List.of("/v1/protocols;x=1", "/v1/protocols/levy%2F2009", "/v1/protocols//levy-2009")) {
            RawHttp.Answer refused = RawHttp.read(RawHttp.send(port, RawHttp.head("GET", path,
                    "Authorization: " + TestKeys.AUDITOR.authorization(), "Connection: close")), Duration.ofSeconds(10));
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.contentType()).as(path).startsWith(PROBLEM_JSON);
            assertThat(refused.body()).as(path).contains(PROBLEMS + "malformed-request");
        }
    }

    /** A preview for a protocol the candidate rules do not define was an undeclared 404. */
    @Test
    void aPreviewOfAProtocolTheRulesDoNotDefineIsTheDeclared404() {
        Map<String, String> files = new TreeMap<>();
        RuleBundle.fromClasspath().files().forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
        String body = Bodies.toJson(Bodies.map("rules", Bodies.map("source", "upload", "files", files),
                "protocolId", "levy-2010", "candidates", List.of(Bodies.map("pseudonymId", "A", "ageYears", 40))));
        HttpResponse<String> r = post("/v1/rules/previews", body, "application/json", null,
                TestKeys.INFORMATICIAN.authorization());
        assertProblem(r, 404, "unknown-protocol", "POST", "/v1/rules/previews");
    }

    private record Answer(int status, String contentType, String body) {
    }

    private void expect(Operation op, Answer answer, int status, String type) {
        String what = op + " expecting " + status + " " + type;
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith(PROBLEM_JSON);
        assertThat(answer.body()).as(what).contains("\"type\":\"" + PROBLEMS + type + "\"");
        Contract.assertValid(op.method(), op.path(), answer.status(), answer.contentType(), answer.body());
    }

    private Answer send(Operation op, String authorization, String accept) {
        return send(op, authorization, op.hasBody() ? "application/json" : null, op.hasBody() ? "{}" : null, accept);
    }

    private Answer send(Operation op, String authorization, String contentType, String body, String accept) {
        return answer(op.method().equals("GET") ? get(op.path(), accept, authorization)
                : post(op.path(), body == null ? "" : body, contentType, accept, authorization));
    }

    /**
     * A body of {@code size} bytes sent chunked (no Content-Length), so only reading it finds it too large: an
     * object padded with spaces, which the parser reads through without finding anything to refuse first.
     */
    private Answer chunked(Operation op, String authorization, int size) {
        byte[] bytes = ("{" + " ".repeat(size) + "}").getBytes(StandardCharsets.UTF_8);
        Flow.Publisher<ByteBuffer> unknownLength = HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest request = HttpRequest.newBuilder(uri(op.path())).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(op.method(), HttpRequest.BodyPublishers.fromPublisher(unknownLength)).build();
        return answer(ApiIT.send(request));
    }

    private Answer raw(Operation op, String target, String... headers) throws IOException {
        String[] all = Stream.concat(Stream.of(headers), Stream.of("Connection: close")).toArray(String[]::new);
        try (Socket socket = RawHttp.send(port, RawHttp.head(op.method(), target, all))) {
            RawHttp.Answer a = RawHttp.read(socket, Duration.ofSeconds(10));
            return new Answer(a.status(), a.contentType(), a.body());
        }
    }

    private Answer getAnswer(String path, String authorization) {
        return answer(get(path, null, authorization));
    }

    private static Answer answer(HttpResponse<String> r) {
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }
}
