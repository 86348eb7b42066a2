package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A result is computed once per key, the least recently used goes beyond the capacity, and a failure keeps nothing. */
class ContentCacheTest {

    private final AtomicInteger computed = new AtomicInteger();

    private Integer length(String text) {
        computed.incrementAndGet();
        return text.length();
    }

    @Test
    void aKeySeenAgainIsNotComputedAgainAndAnotherKeyIs() {
        ContentCache<String, Integer> cache = new ContentCache<>(4);
        assertThat(cache.get("rule a", this::length)).isEqualTo(6);
        assertThat(cache.get(new String("rule a"), this::length)).isEqualTo(6);
        assertThat(cache.get("rule ab", this::length)).isEqualTo(7);
        assertThat(computed).hasValue(2);
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyUsedGoes() {
        ContentCache<String, Integer> cache = new ContentCache<>(2);
        cache.get("a", this::length);
        cache.get("bb", this::length);
        cache.get("a", this::length);
        cache.get("ccc", this::length);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(computed).hasValue(3);

        cache.get("a", this::length);
        assertThat(computed).as("'a' was used last, so 'bb' went").hasValue(3);
        cache.get("bb", this::length);
        assertThat(computed).hasValue(4);
    }

    @Test
    void aComputationThatFailsKeepsNothing() {
        ContentCache<String, Integer> cache = new ContentCache<>(2);
        assertThatThrownBy(() -> cache.get("x", t -> {
            throw new IllegalStateException("cannot read");
        })).hasMessage("cannot read");
        assertThat(cache.size()).isZero();
        assertThat(cache.get("x", this::length)).isEqualTo(1);
    }
}
