package org.il7cds.engine.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.il7cds.engine.authoring.RulesValidator;
import org.il7cds.engine.authoring.ValidationReport;
import org.il7cds.engine.fixtures.Bundles;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every dosing calendar scenario ({@code protocols/<id>/scenarios/dosing/*.yaml}) of the packaged rules through
 * the main runner ({@link DosingScenarios}, the one validation and activation use): one test per file. The format
 * is in the README.md of that folder.
 */
class DosingScenariosTest {

    private static final String LEVY = "protocols/levy-2009/";
    private static final String ACCEPTANCE = LEVY + "scenarios/dosing/01-acceptance-70kg-10ugkg-monday.yaml";

    static List<DosingScenario> scenarios(List<RuleProblem> problems) {
        return DosingScenarios.read(Engines.packagedRules().bundle(), problems);
    }

    @Test
    void levy2009HasAtLeastEightCalendarScenarios() {
        assertThat(DosingScenarios.files(Engines.packagedRules().bundle()))
                .filteredOn(p -> p.startsWith(LEVY)).hasSizeGreaterThanOrEqualTo(8);
    }

    @TestFactory
    Stream<DynamicTest> everyCalendarScenario() {
        List<RuleProblem> problems = new ArrayList<>();
        List<DosingScenario> scenarios = scenarios(problems);
        return DosingScenarios.files(Engines.packagedRules().bundle()).stream()
                .map(path -> DynamicTest.dynamicTest(path, () -> {
                    assertThat(problems).as(path + ": problems reading the file")
                            .filteredOn(p -> p.file().equals(path)).isEmpty();
                    DosingScenario s = scenarios.stream().filter(x -> x.file().equals(path)).findFirst().orElseThrow();
                    ScenarioResult result = DosingScenarios.run(Engines.packagedRules(), s).result();
                    assertThat(result.differences()).as(path).isEmpty();
                    assertThat(result.assessment()).isNull();
                }));
    }

    @Test
    void aWrongExpectationMakesValidationInvalidWithTheDifference() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdited(ACCEPTANCE, "doseUg: 700",
                "doseUg: 701")).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).isEmpty();
        assertThat(report.scenarios()).filteredOn(s -> !s.passed()).singleElement().satisfies(s -> {
            assertThat(s.file()).isEqualTo(ACCEPTANCE);
            assertThat(s.differences()).containsExactly("doseUg: expected 701, got 700");
        });
    }

    @Test
    void aRuleChangeThatBreaksACalendarIsRefusedAtValidation() {
        // Rounding half-down instead of half-up: 211.5 µg becomes 211 µg, which 02-rounding pins at 212.
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdited(LEVY + "protocol.yaml",
                "    doseRoundingMode:\n      value: HALF_UP", "    doseRoundingMode:\n      value: HALF_DOWN")).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.scenarios()).filteredOn(s -> !s.passed()).anySatisfy(s -> {
            assertThat(s.file()).endsWith("02-rounding-70.5kg-3ugkg-half-up.yaml");
            assertThat(s.differences()).contains("doseUg: expected 212, got 211");
        });
    }

    @Test
    void anUnknownKeyIsAProblemNotIgnored() {
        ValidationReport report = RulesValidator.validate(Bundles.packagedEdited(ACCEPTANCE, "doseUg: 700",
                "doseUG: 700")).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(ACCEPTANCE);
            assertThat(p.message()).startsWith("expect: ").contains("doseUG").contains("dosing-scenario.schema.json");
        });
        assertThat(report.scenarios()).noneMatch(s -> s.file().equals(ACCEPTANCE));
    }

    @Test
    void theRetiredLabsShapeIsRefusedWithAHint() {
        List<RuleProblem> problems = new ArrayList<>();
        RuleBundle bundle = Bundles.packagedEdited(ACCEPTANCE, "candidate: {}",
                "candidate: { labs: [ { kind: CD4_COUNT, value: \"80\", unit: cells/uL, sampleDate: 2026-11-19 } ] }");
        assertThat(DosingScenarios.read(bundle, problems)).noneMatch(s -> s.file().equals(ACCEPTANCE));
        assertThat(problems).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m)
                .startsWith("request.candidate: ").contains("labs").contains("cd4Counts"));
    }

    @Test
    void aMissingBaseFileIsAProblem() {
        List<RuleProblem> problems = new ArrayList<>();
        DosingScenarios.read(Bundles.packagedEdited(ACCEPTANCE, "../eligibility/_eligible.yaml", "_nowhere.yaml"),
                problems);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(ACCEPTANCE);
            assertThat(p.message()).contains("base file not found: _nowhere.yaml");
        });
    }

    @Test
    void theBaseCandidateIsTheEligibilityScenariosSharedEligibleCandidate() {
        DosingScenario s = scenarios(new ArrayList<>()).stream().filter(x -> x.file().equals(ACCEPTANCE))
                .findFirst().orElseThrow();
        assertThat(s.request().candidate().pseudonymId()).isEqualTo("SCN-BASE");
        assertThat(s.today()).isEqualTo(DosingScenarios.DEFAULT_TODAY);
    }
}
