package org.il7cds.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.RawHttp;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * Slow and stalled request bodies cannot hold the service (issue 12: 220 connections sending a body one byte every
 * 3 s stopped health and every assessment). Loopback only and bounded: 300 connections for about 4 s, and single
 * connections for at most the body deadline (3 s in profile it) or Tomcat's read timeout (5 s).
 */
class SlowClientsIT extends ApiIT {

    private static final String ASSESS = "/v1/eligibility/assessments";
    private static final int SLOW_CONNECTIONS = 300;

    /**
     * The attack of the issue: 300 connections each announcing a 100,000-byte body and sending it a byte at a time.
     * A first wave, not measured, warms the JVM (its first 300 refusals load and compile the code paths); during the
     * second, health and an assessment are timed three times, a second apart, while every connection the server has
     * not closed yet gets one more byte.
     */
    @Test
    void healthAndAnAssessmentAnswerWithin1sWhile300UnauthenticatedBodiesTrickle() throws Exception {
        String assessment = Bodies.toJson(Bodies.assessment(Bodies.eligibleCandidate()));
        List<Socket> warmUp = openSlowConnections();
        try {
            for (Socket s : warmUp) {
                RawHttp.read(s, Duration.ofSeconds(20));
            }
        } finally {
            closeAll(warmUp);
        }
        List<Socket> slow = openSlowConnections();
        try {
            long worstNanos = 0;
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                HttpResponse<String> health = get("/actuator/health", null, null);
                long healthNanos = System.nanoTime() - start;
                start = System.nanoTime();
                HttpResponse<String> assessed = post(ASSESS, assessment, "application/json", null,
                        TestKeys.SCREENER.authorization());
                long assessNanos = System.nanoTime() - start;

                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(assessed.statusCode()).as(assessed.body()).isEqualTo(200);
                assertThat(Duration.ofNanos(healthNanos)).as("health, round " + round).isLessThan(Duration.ofSeconds(1));
                assertThat(Duration.ofNanos(assessNanos)).as("assessment, round " + round)
                        .isLessThan(Duration.ofSeconds(1));
                worstNanos = Math.max(worstNanos, Math.max(healthNanos, assessNanos));
                Thread.sleep(1000);
                slow.forEach(SlowClientsIT::drip);
            }
            System.out.printf("SlowClientsIT: %d trickling connections, slowest health or assessment %.1f ms%n",
                    SLOW_CONNECTIONS, worstNanos / 1e6);
        } finally {
            closeAll(slow);
        }
    }

    @Test
    void aRefusedRequestIsAnsweredAndClosedWithoutWaitingForItsBody() throws Exception {
        try (Socket s = RawHttp.send(port, RawHttp.head("POST", ASSESS, "Content-Type: application/json",
                "Content-Length: 100000") + "{\"candidate\":")) {
            long start = System.nanoTime();
            RawHttp.Answer answer = RawHttp.read(s, Duration.ofSeconds(5));
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.headers().get("connection")).isEqualTo("close");
            assertThat(answer.closed()).as("closed without reading the other 99,987 bytes").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            Contract.assertValid("POST", ASSESS, answer.status(), answer.contentType(), answer.body());
        }
    }

    @Test
    void aBodyStillTricklingAtItsDeadlineIsRefusedWith408() throws Exception {
        try (Socket s = RawHttp.send(port, RawHttp.head("POST", ASSESS, "Content-Type: application/json",
                "Content-Length: 100000", "Authorization: " + TestKeys.SCREENER.authorization()) + "{")) {
            long start = System.nanoTime();
            // A byte every 400 ms, so every read gets data, until one byte after the 3 s deadline (profile it): the
            // read after it is refused. Nothing more is sent, so the answer is not lost to a reset.
            for (int i = 1; i <= 8; i++) {
                Thread.sleep(400);
                drip(s);
            }
            assertRequestTimeout(RawHttp.read(s, Duration.ofSeconds(8)), start, "the 3 s deadline and a drip");
        }
    }

    @Test
    void aStalledBodyIsRefusedWith408AfterTomcatsReadTimeout() throws Exception {
        try (Socket s = RawHttp.send(port, RawHttp.head("POST", ASSESS, "Content-Type: application/json",
                "Content-Length: 100000", "Authorization: " + TestKeys.SCREENER.authorization()) + "{")) {
            long start = System.nanoTime();
            assertRequestTimeout(RawHttp.read(s, Duration.ofSeconds(15)), start, "Tomcat's 5 s read timeout, not 60 s");
        }
    }

    /** A 408 request-timeout problem, declared for the operation, closing the connection, within 10 s of start. */
    private static void assertRequestTimeout(RawHttp.Answer answer, long start, String within) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(408);
        assertThat(answer.body()).contains(PROBLEMS + "request-timeout");
        assertThat(answer.closed()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(within).isLessThan(Duration.ofSeconds(10));
        Contract.assertValid("POST", ASSESS, answer.status(), answer.contentType(), answer.body());
    }

    private List<Socket> openSlowConnections() {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < SLOW_CONNECTIONS; i++) {
            sockets.add(RawHttp.send(port, RawHttp.head("POST", ASSESS, "Content-Type: application/json",
                    "Content-Length: 100000") + "{"));
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** Sends one more byte of the body; false once the server has closed the connection. */
    private static boolean drip(Socket s) {
        try {
            s.getOutputStream().write(" ".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return true;
        } catch (IOException closedByTheServer) {
            return false;
        }
    }
}
