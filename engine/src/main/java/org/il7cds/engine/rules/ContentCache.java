package org.il7cds.engine.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Results computed from a rules file's text (a DRL file's sandbox check, a YAML file's parse), kept for the next
 * bundle that holds the same text. An activation usually changes one or two of a bundle's ~240 files, and reading the
 * unchanged ones again was most of its CPU (bench/RESULTS.md, fifth session); a scenario's base file was also read
 * again for every scenario built on it.
 *
 * <p>A key holds the whole text (and whatever else the result depends on, such as the file's path), never a digest
 * of it: two different texts never share a result. Values must be immutable. Beyond {@code capacity} entries the
 * least recently used goes. Thread-safe; two threads may compute the same entry at once (equal results, one kept).
 * A computation that throws caches nothing.
 */
public final class ContentCache<K, V> {

    private final Map<K, V> entries;

    public ContentCache(int capacity) {
        entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value kept for {@code key}, or {@code compute}'s, kept from now on. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        synchronized (entries) {
            V kept = entries.get(key);
            if (kept != null) {
                return kept;
            }
        }
        V value = compute.apply(key);
        synchronized (entries) {
            entries.put(key, value);
        }
        return value;
    }

    /** Entries kept (for tests). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
