package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * Client test-ratelimited has a burst of 2 and then one request per 1000 s (application-it.yaml): the third request
 * is a 429 problem with Retry-After. The bucket is per client: the others are not slowed by it.
 */
class RateLimitIT extends ApiIT {

    @Test
    void aClientAboveItsLimitGets429WithRetryAfter() {
        String key = TestKeys.RATE_LIMITED.authorization();
        assertThat(get("/v1/protocols", null, key).statusCode()).isEqualTo(200);
        assertThat(get("/v1/protocols", null, key).statusCode()).isEqualTo(200);
        HttpResponse<String> r = get("/v1/protocols", null, key);
        assertProblem(r, 429, "too-many-requests", "GET", "/v1/protocols");
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 1000L);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        // Other clients have their own buckets.
        assertThat(get("/v1/protocols", null, TestKeys.AUDITOR.authorization()).statusCode()).isEqualTo(200);
        // A bad credential is refused as such (401), not counted against the client it imitates.
        assertThat(get("/v1/protocols", null, key + "x").statusCode()).isEqualTo(401);
    }
}
