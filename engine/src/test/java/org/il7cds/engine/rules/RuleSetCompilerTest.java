package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.fixtures.Bundles;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.junit.jupiter.api.Test;

/** Loading rules: good bundles compile, broken ones fail loudly with file and line and replace nothing. */
class RuleSetCompilerTest {

    private static final String LEVY = "protocols/levy-2009/";
    private static final LocalDate AS_OF = Engines.TODAY;

    @Test
    void theRulesDirectoryAndThePackagedCopyAreTheSameRules() {
        RuleSet fromDirectory = RuleSetCompiler.compile(RuleBundle.fromDirectory(Path.of("../rules")));
        assertThat(fromDirectory.contentHash()).isEqualTo(Engines.packagedRules().contentHash());
        assertThat(fromDirectory.version()).isEqualTo(Engines.packagedRules().version());
        assertThat(fromDirectory.protocolIds()).containsExactly("a5214", "inspire-2", "inspire-3", "levy-2009");
    }

    @Test
    void aSyntaxErrorIsReportedWithItsFileAndLine() {
        RuleBundle broken = Bundles.packagedWith(LEVY + "broken.drl", """
                package il7cds.levy2009;

                rule "half written"
                when
                    Criterion(id == "adult"
                then
                end
                """);
        assertThatThrownBy(() -> RuleSetCompiler.compile(broken))
                .isInstanceOfSatisfying(RulesLoadException.class, e -> assertThat(e.problems())
                        .isNotEmpty()
                        .allSatisfy(p -> assertThat(p.file()).isEqualTo(LEVY + "broken.drl"))
                        .anySatisfy(p -> assertThat(p.line()).isBetween(5, 7)));
    }

    @Test
    void aRuleOnAnUnknownFactTypeIsReported() {
        RuleBundle broken = Bundles.packagedWith(LEVY + "unknown-fact.drl", """
                package il7cds.levy2009;

                rule "reads a fact the engine never provides"
                when
                    ViralGenotype(subtype == "B")
                then
                end
                """);
        assertThatThrownBy(() -> RuleSetCompiler.compile(broken))
                .isInstanceOfSatisfying(RulesLoadException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo(LEVY + "unknown-fact.drl");
                            assertThat(p.message()).contains("ViralGenotype");
                        }));
    }

    @Test
    void errorsInSeveralFilesAreAllReported() {
        RuleBundle broken = Bundles.packagedEdited(LEVY + "eligibility.drl", "findings.met($c, $l);",
                "findings.met($c, $undefined);");
        RuleBundle twice = Bundles.packagedWith(LEVY + "protocol.yaml", "id: levy-2009\ncriteria: [\n");
        assertThatThrownBy(() -> RuleSetCompiler.compile(broken)).isInstanceOf(RulesLoadException.class)
                .hasMessageContaining(LEVY + "eligibility.drl");
        assertThatThrownBy(() -> RuleSetCompiler.compile(twice))
                .isInstanceOfSatisfying(RulesLoadException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo(LEVY + "protocol.yaml");
                            assertThat(p.line()).isPositive();
                        }));
    }

    @Test
    void aParameterWithoutSourceOrAssumptionFlagIsRefused() {
        RuleBundle broken = Bundles.packagedEdited(LEVY + "protocol.yaml",
                "min: { value: 100, unit: cells/uL, source: \"Lévy 2009 abstract\", assumption: false }",
                "min: { value: 100, unit: cells/uL }");
        assertThatThrownBy(() -> RuleSetCompiler.compile(broken)).isInstanceOf(RulesLoadException.class)
                .hasMessageContaining("criteria[1].parameters.min.source is required")
                .hasMessageContaining("assumption must be true or false");
    }

    @Test
    void aMissingBundleVersionIsRefused() {
        assertThatThrownBy(() -> RuleSetCompiler.compile(Bundles.packagedWith("bundle.yaml", null)))
                .isInstanceOf(RulesLoadException.class).hasMessageContaining("bundle.yaml");
    }

    @Test
    void aBrokenLoadReplacesNothing() {
        ActiveRules active = new ActiveRules(Engines.packagedRules());
        try {
            active.activate(RuleSetCompiler.compile(Bundles.packagedWith(LEVY + "x.drl", "rule \"x\" when then")));
        } catch (RulesLoadException expected) {
            // the active rules are untouched
        }
        assertThat(active.get()).isSameAs(Engines.packagedRules());
    }

    @Test
    void aThresholdChangedInTheProtocolFileChangesTheVerdictWithoutJava() {
        RuleSet amended = RuleSetCompiler.compile(Bundles.packagedEdited(LEVY + "protocol.yaml",
                "max: { value: 400,", "max: { value: 350,"));
        EligibilityEngine engine = new EligibilityEngine(() -> amended, Engines.CLOCK);
        Assessment a = engine.assess(Candidates.eligible(AS_OF).lab(LabKind.CD4_COUNT, "351", "cells/uL").build(), AS_OF);
        assertThat(a.criteria().get(1).status()).isEqualTo(Status.NOT_MET);
        assertThat(a.criteria().get(1).threshold()).startsWith("100–350");
        assertThat(a.rulesHash()).isNotEqualTo(Engines.packagedRules().contentHash());
    }

    @Test
    void aRuleSetThatFiresPastTheFiringLimitIsStoppedAndReportedNotTurnedIntoAVerdict() {
        // Rules that feed themselves are refused before they compile (HostileRulesTest); the firing limit still
        // stops a rule set that simply fires too often: here once for every criterion and every lab.
        RuleSet busy = RuleSetCompiler.compile(Bundles.packagedWith(LEVY + "busy.drl", """
                package il7cds.levy2009;

                import org.il7cds.engine.eligibility.Criterion;
                import org.il7cds.engine.eligibility.Lab;

                rule "fires for every criterion and lab"
                    @source("test")
                when
                    Criterion()
                    Lab()
                then
                end
                """));
        EligibilityEngine engine = new EligibilityEngine(() -> busy, Engines.CLOCK, 50);
        assertThatThrownBy(() -> engine.assess(Candidates.eligible(AS_OF).build(), AS_OF))
                .isInstanceOf(RulesExecutionException.class).hasMessageContaining("firing limit 50");
    }

    @Test
    void twoRulesDecidingOneCriterionDifferentlyIsAnErrorNotAVerdict() {
        RuleSet contradicting = RuleSetCompiler.compile(Bundles.packagedWith(LEVY + "contradiction.drl", """
                package il7cds.levy2009;

                import org.il7cds.engine.eligibility.Criterion;
                global org.il7cds.engine.eligibility.Findings findings;

                rule "everyone is a child"
                    @source("test")
                when
                    $c : Criterion(id == "adult")
                then
                    findings.notMet($c, "test");
                end
                """));
        EligibilityEngine engine = new EligibilityEngine(() -> contradicting, Engines.CLOCK);
        assertThatThrownBy(() -> engine.assess(Candidates.eligible(AS_OF).build(), AS_OF))
                .isInstanceOf(RulesExecutionException.class)
                .hasMessageContaining("everyone is a child").hasMessageContaining("adult");
    }

    @Test
    void aCriterionNoRuleDecidesIsUnknownNeverMet() {
        RuleSet gap = RuleSetCompiler.compile(Bundles.packagedEdited(LEVY + "exclusions.drl",
                "History(activeOpportunisticInfection == false)", "History(activeOpportunisticInfection == false, false)"));
        EligibilityEngine engine = new EligibilityEngine(() -> gap, Engines.CLOCK);
        Assessment a = engine.assess(Candidates.eligible(AS_OF).build(), AS_OF);
        assertThat(a.verdict()).isEqualTo(org.il7cds.engine.eligibility.Verdict.INCOMPLETE);
        assertThat(a.criteria()).filteredOn(c -> c.criterionId().equals("no-active-oi")).singleElement()
                .satisfies(c -> assertThat(c.settleBy()).contains("no rule decided"));
    }

    @Test
    void aRuleAskingForAnUndeclaredParameterFailsTheRequestLoudly() {
        RuleSet typo = RuleSetCompiler.compile(Bundles.packagedEdited(LEVY + "eligibility.drl",
                "whole(\"minAgeYears\")", "whole(\"minimumAge\")"));
        EligibilityEngine engine = new EligibilityEngine(() -> typo, Engines.CLOCK);
        assertThatThrownBy(() -> engine.assess(Candidates.eligible(AS_OF).build(), AS_OF))
                .isInstanceOf(RulesExecutionException.class).hasMessageContaining("minimumAge");
    }
}
