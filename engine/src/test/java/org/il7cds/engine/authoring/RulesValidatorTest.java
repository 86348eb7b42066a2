package org.il7cds.engine.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.il7cds.engine.fixtures.Bundles;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.junit.jupiter.api.Test;

/** Validation reports compile errors, lint findings and failing scenarios, and changes nothing. */
class RulesValidatorTest {

    private static final String LEVY = "protocols/levy-2009/";

    @Test
    void thePackagedRulesAreValid() {
        ValidationReport report = RulesValidator.validate(RuleBundle.fromClasspath()).report();
        assertThat(report.problems()).isEmpty();
        assertThat(report.valid()).isTrue();
        assertThat(report.scenarios()).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLine() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdited(LEVY + "exclusions.drl",
                "History(priorInterleukinTherapy == true)", "History(priorInterleukinTherapy == true")).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(LEVY + "exclusions.drl");
            assertThat(p.line()).isPositive();
        });
    }

    @Test
    void aRuleThatReferencesAnUnknownFactIsReported() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdited(LEVY + "exclusions.drl",
                "History(activeOpportunisticInfection == true)", "Infection(active == true)")).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains("Infection"));
    }

    @Test
    void aFailingScenarioIsReportedWithTheDifference() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdited(LEVY + "protocol.yaml",
                "max: { value: 400,", "max: { value: 350,")).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.scenarios()).filteredOn(s -> !s.passed()).anySatisfy(s -> {
            assertThat(s.file()).endsWith("04-cd4-400-upper-bound.yaml");
            assertThat(s.differences()).contains("verdict: expected ELIGIBLE, got NOT_ELIGIBLE");
        });
    }

    @Test
    void lintFindsARuleWithoutSourceAThresholdWithoutUnitAndAnUnknownParameter() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdits(
                new String[] {LEVY + "exclusions.drl",
                        "    @source(\"ACTG A5214 (NCT00099671) exclusion: serious illness requiring treatment\")\nwhen\n    $c : Criterion(id == \"no-active-oi\")\n    History(activeOpportunisticInfection == true)",
                        "when\n    $c : Criterion(id == \"no-active-oi\")\n    History(activeOpportunisticInfection == true)"},
                new String[] {LEVY + "protocol.yaml", "    title: \"No regimen change recently\"",
                        "    title: \"No regimen change for 6 months\""}))
                .report();
        assertThat(report.problems()).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).contains("\"Active opportunistic infection excludes\" cites no source"))
                .anySatisfy(m -> assertThat(m).contains("names 6, which none of its parameters holds"));
        assertThat(report.valid()).isFalse();
    }

    /** A neutrophil minimum without a unit: refused when the file is read (a lab bound must be in the lab's unit). */
    @Test
    void aLabBoundWithoutItsUnitIsRefused() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdited(LEVY + "protocol.yaml",
                "min: { value: 1500, unit: cells/uL,", "min: { value: 1500,")).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).contains("parameters.min.unit must be cells/uL"));
    }

    /** A rule written without quotes around its name is found too: the lint reads the compiled rules. */
    @Test
    void lintFindsAnUnquotedRuleWithoutSource() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedWith(LEVY + "unquoted.drl", """
                package il7cds.levy2009;
                import org.il7cds.engine.eligibility.Criterion;
                import org.il7cds.engine.eligibility.Person;
                global org.il7cds.engine.eligibility.Findings findings;
                rule Unquoted
                when
                    $c : Criterion(id == "adult")
                    Person(ageYears == 200)
                then
                    findings.met($c, "never");
                end
                """)).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(LEVY + "unquoted.drl");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).isEqualTo("rule \"Unquoted\" cites no source: add @source(\"...\")");
        });
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message())
                .startsWith("rule \"Unquoted\" decides no criterion in any scenario"));
    }

    /** The README's worked example: the maximum becomes 350 but the title still says 100–400. */
    @Test
    void lintRefusesATitleNamingANumberItsParametersDoNotHold() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdits(
                new String[] {LEVY + "protocol.yaml", "max: { value: 400,", "max: { value: 350,"},
                new String[] {LEVY + "protocol.yaml", "    title: \"CD4+ T-cell count\"",
                        "    title: \"CD4+ T-cell count 100–400 cells/µL\""})).report();
        assertThat(report.problems()).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m).isEqualTo(
                "criterion 'cd4-count': its title \"CD4+ T-cell count 100–400 cells/µL\" names 400, which none of its"
                        + " parameters holds (the bounds are printed from the parameters: write the title without"
                        + " numbers)"));
    }

    @Test
    void lintFindsACriterionThatNoScenarioChecks() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdits(
                new String[] {LEVY + "protocol.yaml", "  - id: no-active-oi", "  - id: no-active-infection"},
                new String[] {LEVY + "exclusions.drl", "id == \"no-active-oi\"", "id == \"no-active-infection\""}))
                .report();
        assertThat(report.problems()).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).contains("criterion 'no-active-infection' is not checked by any scenario"));
    }

    /** The only scenario that decides inspire-2's re-suppression within its bound (an exact result below 50), gone. */
    @Test
    void lintFindsAGeneratedBoundRuleThatNoScenarioDecides() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedWith(
                "protocols/inspire-2/scenarios/retreatment/17-hiv-rna-quantified-below-50-resuppressed.yaml", null))
                .report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).extracting(RuleProblem::message).singleElement().satisfies(m -> assertThat(m)
                .contains("criterion 'hiv-rna-resuppressed': its generated rule \"HIV-1 RNA suppressed again before a"
                        + " new cycle: below the threshold\" decides in no scenario"));
    }

    @Test
    void lintFindsADosingRuleThatNoScenarioExercises() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedWith(
                LEVY + "scenarios/dosing/13-weight-too-old.yaml", null)).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(LEVY + "dosing.drl");
            assertThat(p.line()).isPositive();
            assertThat(p.message()).isEqualTo("rule \"Weight: measured too long before the first injection\" is not"
                    + " exercised by any scenario (add a file under " + LEVY + "scenarios/dosing/ in which it fires)");
        });
    }

    @Test
    void validationRunsTheDosingScenariosToo() {
        ValidationReport report = RulesValidator.validate(RuleBundle.fromClasspath()).report();
        assertThat(report.scenarios()).filteredOn(s -> s.file().contains("/scenarios/dosing/"))
                .hasSizeGreaterThanOrEqualTo(17).allSatisfy(s -> assertThat(s.assessment()).isNull());
    }

    /** What was read from unchanged files is kept (ContentCache); a changed file must be read again, every time. */
    @Test
    void aFileChangedBetweenTwoValidationsIsReadAgainAndItsOldReadingIsNotUsed() {
        String scenario = LEVY + "scenarios/eligibility/04-cd4-400-upper-bound.yaml";
        assertThat(RulesValidator.validate(RuleBundle.fromClasspath()).report().valid()).isTrue();

        ValidationReport scenarioChanged = RulesValidator.validate(Bundles.packagedEdited(scenario,
                "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE")).report();
        assertThat(scenarioChanged.scenarios()).filteredOn(s -> !s.passed()).singleElement()
                .satisfies(s -> assertThat(s.file()).isEqualTo(scenario));

        ValidationReport ruleChanged = RulesValidator.validate(Bundles.packagedEdited(LEVY + "exclusions.drl",
                "History(priorInterleukinTherapy == true)",
                "History(priorInterleukinTherapy == true, System.getenv(\"HOME\") != null)")).report();
        assertThat(ruleChanged.valid()).isFalse();
        assertThat(ruleChanged.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(LEVY + "exclusions.drl");
            assertThat(p.message()).contains("System");
        });

        ValidationReport packagedAgain = RulesValidator.validate(RuleBundle.fromClasspath()).report();
        assertThat(packagedAgain.valid()).isTrue();
        assertThat(packagedAgain.problems()).isEmpty();
    }

    @Test
    void aLoopingRuleFileIsRefusedAtValidationBeforeItRuns() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedWith(LEVY + "loop.drl", """
                package il7cds.levy2009;
                import org.il7cds.engine.eligibility.AsOf;
                declare Tick n : int end
                rule "start" @source("test") when AsOf() then insert(new Tick(0)); end
                rule "again" @source("test") when $t : Tick() then insert(new Tick($t.getN() + 1)); end
                """)).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.scenarios()).as("nothing ran").isEmpty();
        assertThat(report.problems()).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).contains("declare Tick is not allowed"))
                .anySatisfy(m -> assertThat(m).contains("'new Tick(...)' is not allowed"));
    }

    @Test
    void aValidationPastItsTimeLimitFailsWithAClearFindingAndTheNextOneWorks() {
        RulesValidator.Limits configured = RulesValidator.limits();
        RulesValidator.Outcome stopped;
        RulesValidator.limit(new RulesValidator.Limits(Duration.ofMillis(100), configured.maxHeapInUse()));
        try {
            stopped = RulesValidator.validate(Bundles.cd4UpperBound350());
        } finally {
            RulesValidator.limit(configured);
        }
        assertThat(stopped.compiled()).isNull();
        assertThat(stopped.report().valid()).isFalse();
        assertThat(stopped.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("(bundle)");
            assertThat(p.message()).contains("took longer than the limit of 100 ms");
        });
        assertThat(RulesValidator.validate(Bundles.cd4UpperBound350()).report().valid()).isTrue();
    }

    @Test
    void aScenarioNumberWithAHugeExponentIsRefusedNotExpanded() {
        String file = LEVY + "scenarios/eligibility/99-huge-exponent.yaml";
        ValidationReport report = RulesValidator.validate(Bundles.packagedWith(file, """
                name: "a CD4 count of a billion digits"
                base: _eligible.yaml
                request:
                  asOf: 2026-11-26
                  candidate:
                    cd4Counts: [ { value: 1e999999999, unit: cells/uL, sampleDate: 2026-11-19 } ]
                expect: { verdict: NOT_ELIGIBLE }
                """)).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(file);
            // The one number rule keeps an exponent as text, which the schema refuses where a number belongs.
            assertThat(p.message()).startsWith("request.candidate.cd4Counts[0].value: ").contains("string");
        });
    }

    @Test
    void theCommandValidatesADirectoryAndExitsNonZeroWhenInvalid() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ValidateRulesCommand.run(new String[] {"../rules"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VALID: 0 problem(s)");
        assertThat(ValidateRulesCommand.run(new String[] {"no-such-dir"}, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }
}
