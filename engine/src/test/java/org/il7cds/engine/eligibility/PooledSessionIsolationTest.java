package org.il7cds.engine.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.junit.jupiter.api.Test;

/**
 * Sessions are pooled and reset between requests: nothing of one patient may reach the next. The same snapshot
 * gives the same assessment after many other patients, on many threads, as in a never-used rule set.
 */
class PooledSessionIsolationTest {

    private static final LocalDate AS_OF = Engines.TODAY;

    @Test
    void aPooledSessionCarriesNothingFromOnePatientToTheNext() throws Exception {
        Candidate empty = new Candidate("EMPTY-1", null, null, null, null, null, null, null, null, null, null);
        Candidate excluded = Candidates.eligible(AS_OF).id("EXCL-1").priorInterleukin(true)
                .lab(LabKind.CD4_COUNT, "401", "cells/uL").build();
        // Each reference answer comes from a rule set whose sessions have never been used.
        RuleSet freshForEmpty = RuleSetCompiler.compile(RuleBundle.fromClasspath());
        RuleSet freshForExcluded = RuleSetCompiler.compile(RuleBundle.fromClasspath());
        Assessment emptyFirst = new EligibilityEngine(() -> freshForEmpty, Engines.CLOCK).assess(empty, AS_OF);
        Assessment excludedFirst = new EligibilityEngine(() -> freshForExcluded, Engines.CLOCK).assess(excluded, AS_OF);

        EligibilityEngine busy = Engines.eligibility();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<Assessment>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Candidate next = i % 3 == 0 ? empty : i % 3 == 1 ? excluded : Candidates.eligible(AS_OF).build();
                answers.add(pool.submit(() -> busy.assess(next, AS_OF)));
            }
            for (Future<Assessment> f : answers) {
                Assessment a = f.get();
                if (a.candidateId().equals("EMPTY-1")) {
                    assertThat(a.criteria()).isEqualTo(emptyFirst.criteria());
                } else if (a.candidateId().equals("EXCL-1")) {
                    assertThat(a.criteria()).isEqualTo(excludedFirst.criteria());
                } else {
                    assertThat(a.verdict()).isEqualTo(Verdict.ELIGIBLE);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Sessions in which the rules failed part-way (here: the firing limit) are dropped, not handed to the next patient. */
    @Test
    void aSessionTheRulesFailedInIsNotReused() {
        RuleSet rules = RuleSetCompiler.compile(RuleBundle.fromClasspath());
        Candidate eligible = Candidates.eligible(AS_OF).build();
        Assessment expected = new EligibilityEngine(() -> rules, Engines.CLOCK).assess(eligible, AS_OF);

        EligibilityEngine cutShort = new EligibilityEngine(() -> rules, Engines.CLOCK, 1);
        for (int i = 0; i < 5; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cutShort.assess(eligible, AS_OF))
                    .isInstanceOf(org.il7cds.engine.RulesExecutionException.class)
                    .hasMessageContaining("firing limit 1");
        }
        Assessment after = new EligibilityEngine(() -> rules, Engines.CLOCK).assess(eligible, AS_OF);
        assertThat(after.criteria()).isEqualTo(expected.criteria());
        assertThat(after.verdict()).isEqualTo(Verdict.ELIGIBLE);
    }

    /**
     * An assessment the rules fail in (cut short by the firing limit, its facts still inserted) leaves nothing for
     * the next, different patient: the next assessments on the same rule set equal those of a never-used rule set.
     * The failing and the later patients differ, so that facts left behind would change the answer.
     */
    @Test
    void afterAFailedAssessmentTheNextPatientGetsTheAnswerOfANeverUsedRuleSet() {
        Candidate excluded = Candidates.eligible(AS_OF).id("EXCL-2").priorInterleukin(true)
                .lab(LabKind.CD4_COUNT, "401", "cells/uL").build();
        Candidate eligible = Candidates.eligible(AS_OF).build();
        RuleSet neverUsed = RuleSetCompiler.compile(RuleBundle.fromClasspath());
        EligibilityEngine reference = new EligibilityEngine(() -> neverUsed, Engines.CLOCK);
        Assessment expectedEligible = reference.assess(eligible, AS_OF);
        Assessment expectedExcluded = reference.assess(excluded, AS_OF);

        RuleSet rules = RuleSetCompiler.compile(RuleBundle.fromClasspath());
        EligibilityEngine normal = new EligibilityEngine(() -> rules, Engines.CLOCK);
        EligibilityEngine cutShort = new EligibilityEngine(() -> rules, Engines.CLOCK, 1);
        normal.assess(eligible, AS_OF); // leaves one idle session, which the failing assessment then borrows
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cutShort.assess(excluded, AS_OF))
                .isInstanceOf(org.il7cds.engine.RulesExecutionException.class)
                .hasMessageContaining("firing limit 1");

        assertThat(normal.assess(eligible, AS_OF)).isEqualTo(expectedEligible);
        assertThat(normal.assess(excluded, AS_OF)).isEqualTo(expectedExcluded);
        assertThat(expectedEligible.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(expectedExcluded.verdict()).isNotEqualTo(Verdict.ELIGIBLE);
    }

    /**
     * A rule that matches only a criterion and an absence must still fire for every patient (the criteria are facts of
     * each request, never kept in a session), and every adult is refused, not only the first.
     */
    @Test
    void aRuleMatchingOnlyCriteriaFiresForEveryPatient() {
        RuleSet rules = RuleSetCompiler.compile(org.il7cds.engine.fixtures.ProbeRules.withProbe());
        everyAdultIsRefused(rules);
    }

    /**
     * A rule whose only condition is an absence would keep its match in a kept session: such a protocol's sessions
     * are not kept (RuleShapes), and the rule fires for every adult, not only the first.
     */
    @Test
    void aRuleMatchingOnlyAnAbsenceFiresForEveryPatient() {
        RuleSet rules = RuleSetCompiler.compile(org.il7cds.engine.fixtures.ProbeRules.withAbsenceProbe());
        assertThat(rules.protocol("levy-2009").orElseThrow().sessionsReusable()).isFalse();
        assertThat(Engines.packagedRules().protocol("levy-2009").orElseThrow().sessionsReusable()).isTrue();
        everyAdultIsRefused(rules);
    }

    /** Five adults in a row on one engine: each is refused (the probe contradicts the age rules), not only the first. */
    private static void everyAdultIsRefused(RuleSet rules) {
        EligibilityEngine engine = new EligibilityEngine(() -> rules, Engines.CLOCK);
        for (int i = 0; i < 5; i++) {
            Candidate adult = Candidates.eligible(AS_OF).id("ADULT-" + i).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.assess(adult, AS_OF))
                    .as("patient %d", i)
                    .isInstanceOf(org.il7cds.engine.RulesExecutionException.class)
                    .hasMessageContaining("contradict");
        }
    }
}
