package org.il7cds.engine.rules;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.kie.api.KieBase;

/**
 * The knowledge bases last built from a protocol's exact sources, so that identical sources are compiled once per
 * process: validating an upload, previewing it and activating it compile its protocols once, and a bundle that
 * changes one protocol of four compiles that one. Drools' executable-model build of one protocol takes seconds; a
 * knowledge base is immutable once built and is shared by the rule sets that hold it (each keeps its own sessions).
 *
 * <p>The key is the sources themselves (every DRL text by its path, the packages of each knowledge base), compared
 * in full, never a digest alone: a hit is the same input to Drools' builder, byte for byte. Everything a bundle must
 * pass before Drools sees it (the sandbox, the lint, the schemas) still runs on every bundle, each file's reading
 * reused only for the very same text ({@link ContentCache}). Entries are bounded, least recently used first out, and hold each knowledge base through a soft reference
 * to the knowledge base itself: while a rule set that uses it is alive (the live one, say) it is strongly reachable
 * and stays; the JVM may drop the others under memory pressure. (A soft reference to a holder record that only this
 * cache held was dropped minutes after start under load, and the first activation then rebuilt every protocol:
 * 19.3 s, bench/RESULTS.md.)
 */
final class CompiledSources {

    /** Knowledge bases of one build: eligibility, and dosing or null. */
    record Bases(KieBase eligibility, KieBase dosing) {
    }

    private record Key(Map<String, String> textByKiePath, Set<String> eligibilityPackages,
            Set<String> dosingPackages) {
    }

    /** Four protocols of the packaged rules and the versions of a few uploads being validated and activated. */
    static final int CAPACITY = 16;

    /** A build's knowledge bases, each softly referenced; dosing null when the protocol has no dosing rules. */
    private record Entry(SoftReference<KieBase> eligibility, SoftReference<KieBase> dosing) {

        static Entry of(Bases b) {
            return new Entry(new SoftReference<>(b.eligibility()), b.dosing() == null ? null
                    : new SoftReference<>(b.dosing()));
        }

        /** The bases, or null when the JVM dropped either. */
        Bases bases() {
            KieBase e = eligibility.get();
            KieBase d = dosing == null ? null : dosing.get();
            return e == null || (dosing != null && d == null) ? null : new Bases(e, d);
        }
    }

    private static final Map<Key, Entry> BUILT = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    private CompiledSources() {
    }

    /**
     * The bases built from these sources before, or {@code build}'s result (kept when not null). Two threads
     * compiling the same sources at once may both build; the last one is kept (both are correct).
     */
    static Bases get(Map<String, String> textByKiePath, Set<String> eligibilityPackages, Set<String> dosingPackages,
            Supplier<Bases> build) {
        Key key = new Key(Map.copyOf(textByKiePath), Set.copyOf(eligibilityPackages), Set.copyOf(dosingPackages));
        synchronized (BUILT) {
            Entry entry = BUILT.get(key);
            Bases bases = entry == null ? null : entry.bases();
            if (bases != null) {
                return bases;
            }
        }
        Bases bases = build.get();
        if (bases != null) {
            synchronized (BUILT) {
                BUILT.put(key, Entry.of(bases));
            }
        }
        return bases;
    }

    /** Forgets every build (tests that count builds start from nothing). */
    static void clear() {
        synchronized (BUILT) {
            BUILT.clear();
        }
    }
}
