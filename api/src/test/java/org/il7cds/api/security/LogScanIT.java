package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.TestJwt;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs valid and hostile requests carrying distinctive markers (a pseudonymous id, a CD4 value, a unit, in bodies,
 * paths, queries, methods and credentials) while every log event of every logger is captured, then checks that no
 * marker, no API key and no token appears in any of them, and that each request left one access-log line.
 */
class LogScanIT extends ApiIT {

    static final String PSEUDONYM = "PSEUDO-MARKER-7731";
    static final String CD4 = "313.137";
    static final String UNIT = "marker-unit-xyz";
    private static final String ONE = "/v1/eligibility/assessments";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private int requests;

    @BeforeEach
    void capture() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        appender.stop();
    }

    private static Map<String, Object> markedCandidate(String unit) {
        Map<String, Object> c = Bodies.eligibleCandidate(PSEUDONYM);
        c.put("cd4Counts", list(map("value", Double.valueOf(CD4), "unit", unit, "sampleDate", Bodies.DRAWN.toString())));
        return c;
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) {
        requests++;
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return ApiIT.send(b.build());
    }

    @Test
    void noClinicalValueIdentifierOrCredentialReachesTheLogs() throws Exception {
        String pharmacist = TestKeys.PHARMACIST.authorization();
        String token = TestJwt.bearer(List.of("pharmacist"));
        String valid = toJson(Map.of("candidate", markedCandidate("cells/uL")));
        String badUnit = toJson(Map.of("candidate", markedCandidate(UNIT)));
        List<HttpResponse<String>> answers = new ArrayList<>();

        answers.add(send("POST", ONE, valid, pharmacist));
        answers.add(send("POST", ONE, valid, token));
        answers.add(send("POST", ONE, badUnit, pharmacist));
        answers.add(send("POST", ONE + "/batch", toJson(Map.of("candidates", List.of(markedCandidate(UNIT),
                markedCandidate("cells/uL"), Map.of("pseudonymId", PSEUDONYM + " " + UNIT)))), pharmacist));
        Map<String, Object> calendar = Bodies.calendarRequest(markedCandidate("cells/uL"));
        answers.add(send("POST", "/v1/dosing/calendars", toJson(calendar), pharmacist));
        calendar.put("override", map("reasonCode", "COMPASSIONATE_USE", "authorisedBy", "Dr " + PSEUDONYM,
                "note", UNIT + " " + CD4));
        answers.add(send("POST", "/v1/dosing/calendars", toJson(calendar), pharmacist));
        // Hostile bodies.
        answers.add(send("POST", ONE, "{\"candidate\":{\"pseudonymId\":\"" + PSEUDONYM + "\",\"cd4Counts\":[{\"value\":"
                + CD4 + ",\"unit\":\"" + UNIT + "\"", pharmacist));
        answers.add(send("POST", ONE, "{\"candidate\":{\"" + PSEUDONYM + "\":" + CD4 + "}}", pharmacist));
        answers.add(send("POST", ONE, "{\"candidate\":{\"pseudonymId\":\"" + PSEUDONYM + "\",\"pseudonymId\":\""
                + UNIT + "\"}}", pharmacist));
        answers.add(send("POST", ONE, "{\"candidate\":{\"pseudonymId\":\"" + PSEUDONYM + "\",\"ageYears\":\"" + CD4
                + "\",\"sex\":\"" + UNIT + "\",\"birthDate\":\"" + CD4 + "\"}}", pharmacist));
        answers.add(send("POST", ONE, "{\"candidate\":{\"pseudonymId\":\"" + PSEUDONYM + "\ud800\",\"cd4Counts\":[{"
                + "\"value\":1e999999999,\"unit\":\"" + UNIT + "\\ud800\",\"sampleDate\":\"" + CD4 + "\"}]}}", pharmacist));
        answers.add(send("POST", ONE, "{\"candidate\":{\"pseudonymId\":\"" + PSEUDONYM + "\",\"art\":{\"currentDrugs\":[\""
                + (UNIT + CD4).repeat(60_000) + "\"]}}}", pharmacist));
        answers.add(send("POST", ONE, valid, null));
        answers.add(send("POST", "/v1/dosing/calendars", valid, TestKeys.SCREENER.authorization()));
        // Identifiers in paths, queries, methods and credentials.
        answers.add(send("GET", "/v1/protocols/" + PSEUDONYM + "?unit=" + UNIT + "&cd4=" + CD4, null, pharmacist));
        answers.add(send("GET", "/v1/" + PSEUDONYM + "?cd4=" + CD4, null, pharmacist));
        answers.add(send("GET", "/v1/" + PSEUDONYM + "?cd4=" + CD4, null, null));
        answers.add(send("POST", "/v1/eligibility/" + PSEUDONYM, valid, pharmacist));
        answers.add(send("DELETE", ONE + "?id=" + PSEUDONYM, null, pharmacist));
        answers.add(send(PSEUDONYM, ONE, null, pharmacist));
        answers.add(send("GET", "/v1/protocols", null, "ApiKey " + PSEUDONYM));
        answers.add(send("GET", "/v1/protocols", null, "Bearer " + PSEUDONYM + "." + UNIT + "." + CD4));
        answers.add(send("GET", "/v1/protocols", null, TestJwt.bearer(TestJwt.claims(List.of("auditor"))
                .subject(PSEUDONYM).claim("azp", null).issuer(UNIT).build())));
        // A client id from a token is sanitised: it cannot forge a log line.
        answers.add(send("GET", "/v1/protocols", null, TestJwt.bearer(TestJwt.claims(List.of("auditor"))
                .claim("azp", "svc\n2026-11-26 INFO forged line").build())));
        answers.forEach(r -> assertHandled(r, r.request().method() + " " + r.request().uri().getPath()));

        // A request line Tomcat itself refuses (invalid characters), which never reaches the application.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/protocols/" + PSEUDONYM + "|{" + CD4 + "}?" + UNIT + "=<x> HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .doesNotContain(PSEUDONYM, "<html");
        }

        List<ILoggingEvent> events = awaitAccessLines(requests);
        List<String> texts = events.stream().map(LogScanIT::text).toList();
        String jwtBody = token.substring("Bearer ".length());
        for (String text : texts) {
            assertThat(text).doesNotContain(PSEUDONYM, CD4, UNIT, TestKeys.PHARMACIST.key(), TestKeys.SCREENER.key(),
                    jwtBody, jwtBody.substring(jwtBody.lastIndexOf('.') + 1), "PSEUDO-MARKER");
        }
        List<String> access = events.stream().filter(e -> e.getLoggerName().equals("org.il7cds.access"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(access).hasSize(requests);
        assertThat(access).anySatisfy(line -> assertThat(line).matches("client=test-pharmacist"
                + " op=\"POST /v1/eligibility/assessments\" status=400 durationMs=\\d+ rules=\\S+"));
        assertThat(access).anySatisfy(line -> assertThat(line)
                .startsWith("client=jwt-client op=\"POST /v1/eligibility/assessments\" status=200"));
        assertThat(access).anySatisfy(line -> assertThat(line)
                .startsWith("client=- op=\"POST /v1/eligibility/assessments\" status=401"));
        assertThat(access).anySatisfy(line -> assertThat(line)
                .startsWith("client=test-screener op=\"POST /v1/dosing/calendars\" status=403"));
        assertThat(access).anySatisfy(line -> assertThat(line)
                .startsWith("client=test-pharmacist op=\"GET /v1/protocols/{protocolId}\" status=400"));
        assertThat(access).anySatisfy(line -> assertThat(line)
                .startsWith("client=test-pharmacist op=\"GET (unmatched)\" status=403"));
        assertThat(access).anySatisfy(line -> assertThat(line)
                .startsWith("client=- op=\"OTHER /v1/eligibility/assessments\" status=405")); // the firewall's
        assertThat(access).anySatisfy(line -> assertThat(line)
                .startsWith("client=- op=\"POST /v1/eligibility/assessments\" status=413"));
        assertThat(access).anySatisfy(line -> assertThat(line)
                .startsWith("client=svc_2026-11-26_INFO_forged_line op=\"GET /v1/protocols\" status=200"));
    }

    /** The server logs the access line after the response is sent: wait until every request has its line. */
    private List<ILoggingEvent> awaitAccessLines(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<ILoggingEvent> events;
            synchronized (appender) {
                events = new ArrayList<>(appender.list);
            }
            long access = events.stream().filter(e -> e.getLoggerName().equals("org.il7cds.access")).count();
            if (access >= expected || System.nanoTime() > deadline) {
                Thread.sleep(200); // and any line logged after it
                synchronized (appender) {
                    return new ArrayList<>(appender.list);
                }
            }
            Thread.sleep(50);
        }
    }

    private static String text(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
        if (e.getArgumentArray() != null) {
            for (Object a : e.getArgumentArray()) {
                sb.append(' ').append(a);
            }
        }
        e.getMDCPropertyMap().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            for (IThrowableProxy s : t.getSuppressed()) {
                sb.append(' ').append(s.getClassName()).append(": ").append(s.getMessage());
            }
        }
        return sb.toString();
    }
}
