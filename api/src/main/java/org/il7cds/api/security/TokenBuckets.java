package org.il7cds.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per client id: {@code burst} tokens, refilled at {@code requestsPerSecond}. A request takes one
 * token; without a token the answer is how many whole seconds until there is one (for Retry-After).
 */
final class TokenBuckets {

    /** Past this many buckets, idle full ones are dropped (client ids from tokens are not a closed list). */
    static final int MAX_BUCKETS = 10_000;

    private final Il7cdsSecurityProperties.RateLimit config;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(Il7cdsSecurityProperties.RateLimit config, LongSupplier nanoTime) {
        this.config = config;
        this.nanoTime = nanoTime;
        if (!(config.requestsPerSecond() > 0) || config.burst() < 1) {
            throw new IllegalStateException("il7cds.rate-limit needs requests-per-second > 0 and burst >= 1");
        }
        config.clients().forEach((id, l) -> {
            if (l.requestsPerSecond() != null && !(l.requestsPerSecond() > 0) || l.burst() != null && l.burst() < 1) {
                throw new IllegalStateException("il7cds.rate-limit.clients." + id
                        + " needs requests-per-second > 0 and burst >= 1");
            }
        });
    }

    /** 0 when the request may go on, else the seconds (at least 1) until the client has a token again. */
    long tryTake(String clientId) {
        if (buckets.size() > MAX_BUCKETS) {
            long now = nanoTime.getAsLong();
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(clientId, this::newBucket).tryTake(nanoTime.getAsLong());
    }

    private Bucket newBucket(String clientId) {
        Il7cdsSecurityProperties.ClientLimit own = config.clients().get(clientId);
        double rate = own != null && own.requestsPerSecond() != null ? own.requestsPerSecond() : config.requestsPerSecond();
        int burst = own != null && own.burst() != null ? own.burst() : config.burst();
        return new Bucket(rate, burst, nanoTime.getAsLong());
    }

    private static final class Bucket {
        private final double perNano;
        private final int capacity;
        private double tokens;
        private long last;

        Bucket(double perSecond, int capacity, long now) {
            this.perNano = perSecond / 1e9;
            this.capacity = capacity;
            this.tokens = capacity;
            this.last = now;
        }

        synchronized long tryTake(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double seconds = (1 - tokens) / perNano / 1e9;
            return Math.max(1, (long) Math.ceil(seconds));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * perNano);
                last = now;
            }
        }
    }
}
