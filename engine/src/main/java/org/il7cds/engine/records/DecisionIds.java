package org.il7cds.engine.records;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New decision ids: time-ordered UUIDs (version 7, RFC 9562 §5.7): the milliseconds since 1970 in the first 48
 * bits, then the version, then 74 random bits from a SecureRandom (one DRBG per thread: {@link UUID#randomUUID()}'s
 * single shared generator was a point of contention, 2 % of a batch's CPU in a JFR profile). Their text sorts
 * by time, so the unique index on {@code decision_id} takes new ids at its right edge, as the sequence number and
 * time indexes do. With random (version 4) ids every record of a group commit landed in a different leaf page of
 * that index, and the embedded H2 database rewrote each of those pages at each commit: most of the recorder's
 * time and of the database file (bench/RESULTS.md, decision records). The JDK 17 {@link UUID} makes no version 7,
 * and the dependency set has no UUID library: hence these few lines.
 */
public final class DecisionIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG SecureRandom", e);
        }
    });

    private DecisionIds() {
    }

    /** A new id made at {@code clock}'s instant: 36 characters, as every decision id. */
    public static String next(Clock clock) {
        SecureRandom random = RANDOM.get();
        return version7(clock.millis(), random.nextLong(), random.nextLong()).toString();
    }

    /**
     * The version-7 UUID of {@code millis} with 12 random bits from {@code randomHigh} and 62 from
     * {@code randomLow} (the variant, binary 10, takes the other two).
     */
    static UUID version7(long millis, long randomHigh, long randomLow) {
        long msb = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long lsb = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
