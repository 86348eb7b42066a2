package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private TokenBuckets buckets(double rate, int burst, Map<String, Il7cdsSecurityProperties.ClientLimit> clients) {
        return new TokenBuckets(new Il7cdsSecurityProperties.RateLimit(true, rate, burst, clients), now::get);
    }

    private void advanceMillis(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    @Test
    void aBurstThenTheRate() {
        TokenBuckets b = buckets(2, 3, Map.of());
        assertThat(b.tryTake("a")).isZero();
        assertThat(b.tryTake("a")).isZero();
        assertThat(b.tryTake("a")).isZero();
        assertThat(b.tryTake("a")).isEqualTo(1);
        advanceMillis(499);
        assertThat(b.tryTake("a")).isEqualTo(1);
        advanceMillis(1);
        assertThat(b.tryTake("a")).isZero();
        assertThat(b.tryTake("b")).as("another client's own bucket").isZero();
        advanceMillis(60_000);
        for (int i = 0; i < 3; i++) {
            assertThat(b.tryTake("a")).as("refilled to the burst, not beyond").isZero();
        }
        assertThat(b.tryTake("a")).isPositive();
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextToken() {
        TokenBuckets b = buckets(0.1, 1, Map.of());
        assertThat(b.tryTake("a")).isZero();
        assertThat(b.tryTake("a")).isEqualTo(10);
        advanceMillis(2500);
        assertThat(b.tryTake("a")).isEqualTo(8);
    }

    @Test
    void aClientMayHaveItsOwnLimit() {
        TokenBuckets b = buckets(100, 100, Map.of("slow", new Il7cdsSecurityProperties.ClientLimit(0.5, 1)));
        assertThat(b.tryTake("slow")).isZero();
        assertThat(b.tryTake("slow")).isEqualTo(2);
        assertThat(b.tryTake("fast")).isZero();
    }

    @Test
    void nonsenseLimitsStopTheService() {
        assertThatThrownBy(() -> buckets(0, 1, Map.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> buckets(1, 0, Map.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> buckets(1, 1, Map.of("x", new Il7cdsSecurityProperties.ClientLimit(-1.0, null))))
                .isInstanceOf(IllegalStateException.class);
    }
}
