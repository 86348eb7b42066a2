package org.il7cds.engine.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.Bundles;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSet;
import org.junit.jupiter.api.Test;

/** Activation, rollback and version history, including under concurrent load. */
class RulesRegistryTest {

    private static final LocalDate AS_OF = Engines.TODAY;
    private static final Candidate CD4_380 =
            Candidates.eligible(AS_OF).id("CD4-380").lab(LabKind.CD4_COUNT, "380", "cells/uL").build();

    private static RulesRegistry registry() {
        return new RulesRegistry(Engines.packagedRules(), "packaged", Engines.CLOCK);
    }

    @Test
    void activatingTheAmendmentChangesTheVerdictOfABoundaryCandidate() {
        RulesRegistry registry = registry();
        EligibilityEngine engine = new EligibilityEngine(registry, Engines.CLOCK);
        assertThat(engine.assess(CD4_380, AS_OF).verdict()).isEqualTo(Verdict.ELIGIBLE);

        ActivationResult result = registry.activate(Bundles.cd4UpperBound350(), "informatician-1", "upload");

        assertThat(result.activated()).as(result.report().describe()).isTrue();
        Assessment after = engine.assess(CD4_380, AS_OF);
        assertThat(after.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(after.rulesVersion()).startsWith("350-");
        assertThat(after.rulesHash()).isEqualTo(result.active().contentHash());
        assertThat(registry.versions()).extracting(RulesVersion::id, RulesVersion::activatedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "system"),
                        org.assertj.core.groups.Tuple.tuple(2, "informatician-1"));
    }

    @Test
    void aBrokenVersionLeavesTheOldOneAnsweringAndSaysWhy() {
        RulesRegistry registry = registry();
        RuleSet before = registry.get();
        ActivationResult result = registry.activate(Bundles.packagedEdited("protocols/levy-2009/eligibility.drl",
                "ageYears >= $min,", "ageYears >= $min"), "informatician-1", "upload");
        assertThat(result.activated()).isFalse();
        assertThat(result.report().problems()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.file()).isEqualTo("protocols/levy-2009/eligibility.drl"));
        assertThat(registry.get()).isSameAs(before);
        assertThat(registry.versions()).hasSize(1);
        assertThat(result.active().id()).isEqualTo(1);
    }

    @Test
    void aVersionWithAFailingScenarioIsNotActivated() {
        RulesRegistry registry = registry();
        ActivationResult result = registry.activate(Bundles.packagedEdited("protocols/levy-2009/protocol.yaml",
                "max: { value: 400,", "max: { value: 350,"), "informatician-1", "upload");
        assertThat(result.activated()).isFalse();
        assertThat(result.report().failedScenarios()).isPositive();
        assertThat(registry.get()).isSameAs(Engines.packagedRules());
    }

    @Test
    void rollbackRestoresThePreviousVersionInOneCall() {
        RulesRegistry registry = registry();
        registry.activate(Bundles.cd4UpperBound350(), "informatician-1", "upload");
        ActivationResult back = registry.rollback("informatician-2");
        assertThat(back.activated()).isTrue();
        assertThat(registry.get().contentHash()).isEqualTo(Engines.packagedRules().contentHash());
        assertThat(registry.versions()).last().satisfies(v -> {
            assertThat(v.origin()).isEqualTo("rollback to #1");
            assertThat(v.activatedBy()).isEqualTo("informatician-2");
        });
        assertThat(new EligibilityEngine(registry, Engines.CLOCK).assess(CD4_380, AS_OF).verdict())
                .isEqualTo(Verdict.ELIGIBLE);
    }

    @Test
    void underConcurrentLoadTwentySwapsFailNoRequestAndEveryAnswerMatchesItsVersion() throws Exception {
        RulesRegistry registry = registry();
        RuleBundle amendment = Bundles.cd4UpperBound350();
        Map<String, Verdict> expected = Map.of(Engines.packagedRules().contentHash(), Verdict.ELIGIBLE,
                amendment.contentHash(), Verdict.NOT_ELIGIBLE);
        EligibilityEngine engine = new EligibilityEngine(registry, Engines.CLOCK);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong answers = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        Map<String, Long> perVersion = new ConcurrentHashMap<>();
        List<String> inconsistencies = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch started = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                started.countDown();
                while (!done.get()) {
                    try {
                        Assessment a = engine.assess(CD4_380, AS_OF);
                        answers.incrementAndGet();
                        perVersion.merge(a.rulesHash(), 1L, Long::sum);
                        if (expected.get(a.rulesHash()) != a.verdict()) {
                            inconsistencies.add(a.rulesHash() + " -> " + a.verdict());
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        started.await();
        int swaps = 0;
        registry.activate(amendment, "load-test", "upload");
        swaps++;
        while (swaps < 20) {
            assertThat(registry.rollback("load-test").activated()).isTrue();
            swaps++;
        }
        done.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failures.get()).isZero();
        assertThat(inconsistencies).isEmpty();
        assertThat(answers.get()).isPositive();
        assertThat(perVersion).containsOnlyKeys(expected.keySet());
        assertThat(registry.versions()).hasSize(21);
    }

    @Test
    void rollbackWithoutAPreviousVersionIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry().rollback("informatician-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no previous version");
    }

    @Test
    void knowledgeBasesOfVersionsRotatedOutAreReleased() throws Exception {
        RulesRegistry registry = registry();
        RuleBundle[] bundles = {Bundles.cd4UpperBound350(), RuleBundle.fromClasspath()};
        java.util.List<java.lang.ref.WeakReference<RuleSet>> released = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RuleSet before = registry.get();
            assertThat(registry.activate(bundles[i % 2], "leak-test", "upload").activated()).isTrue();
            if (i > 0) {
                released.add(new java.lang.ref.WeakReference<>(before));
            }
        }
        // The last two entries are the active and the previous version (kept for rollback); the rest must be gone.
        java.util.List<java.lang.ref.WeakReference<RuleSet>> mustBeGone = released.subList(0, released.size() - 1);
        for (int i = 0; i < 20 && mustBeGone.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(mustBeGone).allSatisfy(r -> assertThat(r.get()).as("a rotated-out knowledge base").isNull());
        assertThat(registry.versions()).hasSize(7);
    }
}
