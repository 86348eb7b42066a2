package org.il7cds.engine.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

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
import org.il7cds.engine.authoring.RulesGovernanceException.Reason;
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

/**
 * Activation, rollback, re-activation, two-person approval and start-up, over a store (in memory here; the api
 * module runs the same flows on its H2 and PostgreSQL stores), including under concurrent load.
 */
class RulesRegistryTest {

    private static final LocalDate AS_OF = Engines.TODAY;
    private static final Candidate CD4_380 =
            Candidates.eligible(AS_OF).id("CD4-380").lab(LabKind.CD4_COUNT, "380", "cells/uL").build();
    private static final String WHY = "test";

    private static RulesRegistry open(RulesStore store, RulesRegistry.Approval approval) {
        return RulesRegistry.open(store, RuleBundle.fromClasspath(), "packaged", Engines::packagedRules, Engines.CLOCK,
                approval);
    }

    private static RulesRegistry registry() {
        return open(new InMemoryRulesStore(), RulesRegistry.Approval.SINGLE);
    }

    @Test
    void aFirstStartStoresThePackagedRulesAsVersionOne() {
        InMemoryRulesStore store = new InMemoryRulesStore();
        RulesRegistry registry = open(store, RulesRegistry.Approval.SINGLE);
        assertThat(registry.active()).extracting(Activation::id, Activation::versionId, Activation::actor,
                Activation::origin, Activation::restoresTo).containsExactly(1, 1, "system", "packaged", null);
        assertThat(store.files(1)).containsKeys("bundle.yaml", "protocols/levy-2009/eligibility.drl");
        assertThat(registry.configured().active()).isTrue();
    }

    @Test
    void aFirstStartWithRulesThatFailTheirScenariosRefusesToStartAndNamesThem() {
        RuleBundle failing = Bundles.packagedEdited("protocols/levy-2009/protocol.yaml", "max: { value: 400,",
                "max: { value: 350,");
        InMemoryRulesStore store = new InMemoryRulesStore();
        assertThatThrownBy(() -> RulesRegistry.open(store, failing, "directory",
                () -> org.il7cds.engine.rules.RuleSetCompiler.compile(failing), Engines.CLOCK,
                RulesRegistry.Approval.SINGLE))
                .isInstanceOf(RulesStartupException.class)
                .hasMessageContaining("not valid")
                .hasMessageContaining("SCENARIO FAILED protocols/levy-2009/scenarios/eligibility/04-cd4-400-upper-bound");
        assertThat(store.current()).isEmpty();
    }

    @Test
    void aFirstStartWithRulesThatDoNotCompileRefusesToStartWithFileAndLine() {
        RuleBundle broken = Bundles.packagedEdited("protocols/levy-2009/eligibility.drl", "ageYears >= $min,",
                "ageYears >= $min");
        assertThatThrownBy(() -> RulesRegistry.open(new InMemoryRulesStore(), broken, "directory",
                () -> org.il7cds.engine.rules.RuleSetCompiler.compile(broken), Engines.CLOCK,
                RulesRegistry.Approval.SINGLE))
                .isInstanceOf(RulesStartupException.class).hasMessageContaining("does not compile")
                .hasMessageContaining("protocols/levy-2009/eligibility.drl");
    }

    @Test
    void aRestartRestoresTheStoredActiveVersionAndReportsThatTheConfiguredOneDiffers() {
        InMemoryRulesStore store = new InMemoryRulesStore();
        RulesRegistry first = open(store, RulesRegistry.Approval.SINGLE);
        ActivationResult amended = first.activate(Bundles.cd4UpperBound350(), "informatician-1", "upload", WHY);
        assertThat(amended.activated()).as(amended.report().describe()).isTrue();

        RulesRegistry restarted = open(store, RulesRegistry.Approval.SINGLE);

        assertThat(restarted.get().contentHash()).isEqualTo(Bundles.cd4UpperBound350().contentHash());
        assertThat(restarted.active().id()).isEqualTo(2);
        assertThat(restarted.configured().active()).isFalse();
        assertThat(new EligibilityEngine(restarted, Engines.CLOCK).assess(CD4_380, AS_OF).verdict())
                .isEqualTo(Verdict.NOT_ELIGIBLE);
    }

    @Test
    void storedFilesThatNoLongerMatchTheirHashStopTheStart() {
        InMemoryRulesStore store = new InMemoryRulesStore();
        open(store, RulesRegistry.Approval.SINGLE).activate(Bundles.cd4UpperBound350(), "informatician-1", "upload",
                WHY);
        RulesStore altered = new ForwardingStore(store) {
            @Override
            public java.util.SortedMap<String, String> files(int versionId) {
                java.util.SortedMap<String, String> files = super.files(versionId);
                files.put("bundle.yaml", files.get("bundle.yaml") + "# edited in the database\n");
                return files;
            }
        };
        assertThatThrownBy(() -> open(altered, RulesRegistry.Approval.SINGLE))
                .isInstanceOf(RulesStartupException.class).hasMessageContaining("storage was altered");
    }

    @Test
    void activatingTheAmendmentChangesTheVerdictOfABoundaryCandidate() {
        RulesRegistry registry = registry();
        EligibilityEngine engine = new EligibilityEngine(registry, Engines.CLOCK);
        assertThat(engine.assess(CD4_380, AS_OF).verdict()).isEqualTo(Verdict.ELIGIBLE);

        ActivationResult result = registry.activate(Bundles.cd4UpperBound350(), "informatician-1", "upload",
                "CD4 upper bound 350 (amendment 3)");

        assertThat(result.activated()).as(result.report().describe()).isTrue();
        Assessment after = engine.assess(CD4_380, AS_OF);
        assertThat(after.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(after.rulesVersion()).startsWith("350-");
        assertThat(after.rulesHash()).isEqualTo(result.active().contentHash());
        assertThat(registry.activations()).extracting(Activation::id, Activation::actor, Activation::reason)
                .containsExactly(tuple(1, "system", registry.activations().get(0).reason()),
                        tuple(2, "informatician-1", "CD4 upper bound 350 (amendment 3)"));
        assertThat(registry.versions()).extracting(StoredVersion::origin).containsExactly("packaged", "upload");
    }

    @Test
    void anActivationNeedsAReason() {
        assertThatThrownBy(() -> registry().activate(Bundles.cd4UpperBound350(), "informatician-1", "upload", " "))
                .isInstanceOf(RulesGovernanceException.class)
                .satisfies(e -> assertThat(((RulesGovernanceException) e).reason()).isEqualTo(Reason.REASON_MISSING));
    }

    @Test
    void aBrokenVersionLeavesTheOldOneAnsweringAndSaysWhy() {
        RulesRegistry registry = registry();
        RuleSet before = registry.get();
        ActivationResult result = registry.activate(Bundles.packagedEdits(
                new String[] {"protocols/levy-2009/eligibility.drl", "ageYears >= $min,", "ageYears >= $min"},
                new String[] {"bundle.yaml", "version: \"", "version: \"broken-"}), "informatician-1", "upload", WHY);
        assertThat(result.activated()).isFalse();
        assertThat(result.report().problems()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.file()).isEqualTo("protocols/levy-2009/eligibility.drl"));
        assertThat(registry.get()).isSameAs(before);
        assertThat(registry.versions()).hasSize(1);
        assertThat(result.active().id()).isEqualTo(1);
    }

    @Test
    void aLabelStoredWithOtherContentIsRefusedNamingTheStoredVersion() {
        RulesRegistry registry = registry();
        // A valid amendment (its scenarios updated) that kept the packaged label.
        RuleBundle sameLabelOtherContent = Bundles.packagedEdits(
                new String[] {"protocols/levy-2009/protocol.yaml", "max: { value: 400,", "max: { value: 350,"},
                new String[] {"protocols/levy-2009/scenarios/eligibility/04-cd4-400-upper-bound.yaml",
                        "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE"},
                new String[] {"protocols/levy-2009/scenarios/eligibility/04-cd4-400-upper-bound.yaml",
                        "cd4-count: MET", "cd4-count: NOT_MET"},
                new String[] {"protocols/levy-2009/scenarios/eligibility/06-cd4-in-10e9-per-litre.yaml",
                        "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE"},
                new String[] {"protocols/levy-2009/scenarios/eligibility/06-cd4-in-10e9-per-litre.yaml",
                        "cd4-count: MET", "cd4-count: NOT_MET"});
        assertThatThrownBy(() -> registry.activate(sameLabelOtherContent, "informatician-1", "upload", WHY))
                .isInstanceOf(RulesGovernanceException.class)
                .hasMessageContaining("already stored as version #1")
                .satisfies(e -> assertThat(((RulesGovernanceException) e).reason()).isEqualTo(Reason.LABEL_TAKEN));
        assertThat(registry.versions()).hasSize(1);
    }

    @Test
    void rollbackTwiceGoesBackTwiceAndNeverForward() {
        RulesRegistry registry = registry();
        RuleBundle amendment = Bundles.cd4UpperBound350();
        RuleBundle second = Bundles.packagedEdits(
                new String[] {"protocols/levy-2009/protocol.yaml", "max: { value: 400,", "max: { value: 350,"},
                new String[] {"bundle.yaml", "version: \"", "version: \"second-"},
                new String[] {"protocols/levy-2009/scenarios/eligibility/04-cd4-400-upper-bound.yaml",
                        "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE"},
                new String[] {"protocols/levy-2009/scenarios/eligibility/04-cd4-400-upper-bound.yaml",
                        "cd4-count: MET", "cd4-count: NOT_MET"},
                new String[] {"protocols/levy-2009/scenarios/eligibility/06-cd4-in-10e9-per-litre.yaml",
                        "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE"},
                new String[] {"protocols/levy-2009/scenarios/eligibility/06-cd4-in-10e9-per-litre.yaml",
                        "cd4-count: MET", "cd4-count: NOT_MET"});
        String packaged = registry.get().contentHash();
        assertThat(registry.activate(amendment, "informatician-1", "upload", WHY).activated()).isTrue();
        assertThat(registry.activate(second, "informatician-1", "upload", WHY).activated()).isTrue();

        ActivationResult once = registry.rollback("informatician-2", "second is wrong");
        assertThat(once.activated()).isTrue();
        assertThat(registry.get().contentHash()).isEqualTo(amendment.contentHash());
        assertThat(once.active().kind()).isEqualTo(Activation.Kind.ROLLBACK);

        ActivationResult twice = registry.rollback("informatician-2", "the amendment too");
        assertThat(registry.get().contentHash()).isEqualTo(packaged);
        assertThat(twice.active().versionId()).isEqualTo(1);

        assertThatThrownBy(() -> registry.rollback("informatician-2", "once more"))
                .isInstanceOf(RulesGovernanceException.class).hasMessageContaining("no earlier activation");
        assertThat(registry.get().contentHash()).isEqualTo(packaged);
        assertThat(registry.activations()).extracting(Activation::versionId).containsExactly(1, 2, 3, 2, 1);
        assertThat(new EligibilityEngine(registry, Engines.CLOCK).assess(CD4_380, AS_OF).verdict())
                .isEqualTo(Verdict.ELIGIBLE);
    }

    @Test
    void aStoredVersionIsReactivatedByItsIdInOneCall() {
        RulesRegistry registry = registry();
        registry.activate(Bundles.cd4UpperBound350(), "informatician-1", "upload", WHY);
        registry.rollback("informatician-1", WHY);

        ActivationResult again = registry.activateStored(2, "informatician-2", "amendment approved by the board");

        assertThat(again.activated()).isTrue();
        assertThat(again.active()).extracting(Activation::versionId, Activation::restoresTo).containsExactly(2, 3);
        assertThat(registry.get().contentHash()).isEqualTo(Bundles.cd4UpperBound350().contentHash());
        assertThatThrownBy(() -> registry.activateStored(9, "informatician-2", WHY))
                .isInstanceOf(RulesGovernanceException.class).hasMessageContaining("no stored rules version #9");
    }

    @Test
    void underTwoPersonApprovalTheProposerCannotApproveAndAnApprovalActivates() {
        RulesRegistry registry = open(new InMemoryRulesStore(), RulesRegistry.Approval.TWO_PERSON);
        RuleSet before = registry.get();

        ActivationResult proposed = registry.activate(Bundles.cd4UpperBound350(), "informatician-1", "upload", WHY);

        assertThat(proposed.activated()).isFalse();
        assertThat(proposed.report().valid()).isTrue();
        assertThat(proposed.proposal().status()).isEqualTo(Proposal.Status.OPEN);
        assertThat(registry.get()).isSameAs(before);
        int id = proposed.proposal().id();
        assertThatThrownBy(() -> registry.approve(id, "informatician-1", "looks right"))
                .isInstanceOf(RulesGovernanceException.class)
                .satisfies(e -> assertThat(((RulesGovernanceException) e).reason()).isEqualTo(Reason.SELF_APPROVAL));
        assertThat(registry.get()).isSameAs(before);

        ActivationResult approved = registry.approve(id, "informatician-2", "checked against the amendment");

        assertThat(approved.activated()).isTrue();
        assertThat(approved.active()).extracting(Activation::kind, Activation::actor, Activation::proposalId)
                .containsExactly(Activation.Kind.APPROVAL, "informatician-2", id);
        assertThat(registry.get().contentHash()).isEqualTo(Bundles.cd4UpperBound350().contentHash());
        assertThat(registry.proposals()).singleElement().extracting(Proposal::status, Proposal::decidedBy)
                .containsExactly(Proposal.Status.APPROVED, "informatician-2");
        assertThatThrownBy(() -> registry.approve(id, "informatician-3", "again"))
                .isInstanceOf(RulesGovernanceException.class).hasMessageContaining("already approved");
    }

    @Test
    void aWithdrawnProposalNeverGoesLive() {
        RulesRegistry registry = open(new InMemoryRulesStore(), RulesRegistry.Approval.TWO_PERSON);
        int id = registry.activate(Bundles.cd4UpperBound350(), "informatician-1", "upload", WHY).proposal().id();
        assertThat(registry.withdraw(id, "informatician-1", "wrong file").status())
                .isEqualTo(Proposal.Status.WITHDRAWN);
        assertThatThrownBy(() -> registry.approve(id, "informatician-2", "too late"))
                .isInstanceOf(RulesGovernanceException.class).hasMessageContaining("already withdrawn");
        assertThat(registry.get().contentHash()).isEqualTo(Engines.packagedRules().contentHash());
    }

    @Test
    void replayFindsTheCompiledRulesOfAVersionNoLongerActive() {
        RulesRegistry registry = registry();
        String packaged = registry.get().contentHash();
        registry.activate(Bundles.cd4UpperBound350(), "informatician-1", "upload", WHY);
        assertThat(registry.compiledByHash(packaged)).get().extracting(RuleSet::contentHash).isEqualTo(packaged);
        assertThat(registry.compiledByHash("sha256:unknown")).isEmpty();
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
        registry.activate(amendment, "load-test", "upload", WHY);
        for (int swaps = 1; swaps < 20; swaps++) {
            assertThat(registry.activateStored(swaps % 2 == 1 ? 1 : 2, "load-test", WHY).activated()).isTrue();
        }
        done.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failures.get()).isZero();
        assertThat(inconsistencies).isEmpty();
        assertThat(answers.get()).isPositive();
        assertThat(perVersion).containsOnlyKeys(expected.keySet());
        assertThat(registry.activations()).hasSize(21);
        assertThat(registry.versions()).hasSize(2);
    }

    @Test
    void knowledgeBasesOfVersionsRotatedOutAreReleased() throws Exception {
        RulesRegistry registry = registry();
        RuleBundle[] bundles = {Bundles.cd4UpperBound350(), RuleBundle.fromClasspath()};
        java.util.List<java.lang.ref.WeakReference<RuleSet>> released = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RuleSet before = registry.get();
            assertThat(registry.activate(bundles[i % 2], "leak-test", "upload", WHY).activated()).isTrue();
            if (i > 0) {
                released.add(new java.lang.ref.WeakReference<>(before));
            }
        }
        // The previous version stays compiled (for rollback and replay); the rest must be gone.
        java.util.List<java.lang.ref.WeakReference<RuleSet>> mustBeGone = released.subList(0, released.size() - 1);
        for (int i = 0; i < 20 && mustBeGone.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(mustBeGone).allSatisfy(r -> assertThat(r.get()).as("a rotated-out knowledge base").isNull());
        assertThat(registry.activations()).hasSize(7);
    }

    /** A store that passes every call on (a test overrides what it alters). */
    private static class ForwardingStore implements RulesStore {
        private final RulesStore d;

        ForwardingStore(RulesStore delegate) {
            this.d = delegate;
        }

        @Override public java.util.Optional<Activation> current() { return d.current(); }
        @Override public List<Activation> activations() { return d.activations(); }
        @Override public java.util.Optional<Activation> activation(int id) { return d.activation(id); }
        @Override public List<StoredVersion> versions() { return d.versions(); }
        @Override public java.util.Optional<StoredVersion> version(int id) { return d.version(id); }
        @Override public java.util.Optional<StoredVersion> versionByHash(String h) { return d.versionByHash(h); }
        @Override public java.util.Optional<StoredVersion> versionByLabel(String v) { return d.versionByLabel(v); }
        @Override public java.util.SortedMap<String, String> files(int versionId) { return d.files(versionId); }
        @Override public Activation activate(PendingActivation a) { return d.activate(a); }
        @Override public Proposal propose(Integer versionId, NewVersion v, String by, String reason,
                java.time.Instant at, ValidationReport report, List<ImpactPreview.Report> impact) {
            return d.propose(versionId, v, by, reason, at, report, impact);
        }
        @Override public List<Proposal> proposals() { return d.proposals(); }
        @Override public java.util.Optional<Proposal> proposal(int id) { return d.proposal(id); }
        @Override public Activation approve(int id, String by, String note, java.time.Instant at, Integer r,
                ValidationReport report) {
            return d.approve(id, by, note, at, r, report);
        }
        @Override public Proposal withdraw(int id, String by, String note, java.time.Instant at) {
            return d.withdraw(id, by, note, at);
        }
    }
}
