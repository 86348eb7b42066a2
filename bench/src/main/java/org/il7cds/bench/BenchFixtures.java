package org.il7cds.bench;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleSetCompiler;

/**
 * What the benchmarks and the differential test share: the engine's test clock (2026-11-26, as in the
 * engine's own test fixtures, which live in its test sources and are not visible here), the packaged rules
 * compiled once, and a fixed pool of varied candidates.
 */
public final class BenchFixtures {

    /** "Today" for every benchmark and test, the same as the engine tests' fixed clock. */
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    public static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    /** Seed of the benchmark pool: the same 64 candidates in every run. */
    public static final long POOL_SEED = 7L;
    public static final int POOL_SIZE = 64;

    private static RuleSet packaged;

    private BenchFixtures() {
    }

    public static synchronized RuleSet packagedRules() {
        if (packaged == null) {
            packaged = RuleSetCompiler.compile(RuleBundle.fromClasspath());
        }
        return packaged;
    }

    public static EligibilityEngine engine(RuleSet rules) {
        return new EligibilityEngine(new ActiveRules(rules), CLOCK);
    }

    /** The benchmark pool: {@value #POOL_SIZE} generated candidates (every verdict represented). */
    public static List<CandidateGenerator.Case> pool() {
        return new CandidateGenerator(POOL_SEED, TODAY).cases(POOL_SIZE);
    }
}
