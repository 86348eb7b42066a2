package org.il7cds.engine.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.RuleProblem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every eligibility scenario file in rules/ against the packaged rules: one test per file. */
class EligibilityScenariosTest {

    static List<EligibilityScenario> scenarios() {
        List<RuleProblem> problems = new ArrayList<>();
        List<EligibilityScenario> scenarios = EligibilityScenarios.read(Engines.packagedRules().bundle(), problems);
        assertThat(problems).as("scenario files that cannot be read").isEmpty();
        return scenarios;
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioFilePasses() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.file() + ": " + s.name(), () -> {
            ScenarioResult result = EligibilityScenarios.run(Engines.packagedRules(), s);
            assertThat(result.differences()).as(s.file()).isEmpty();
        }));
    }

    @Test
    void atLeastTwentyFiveScenariosShip() {
        assertThat(scenarios()).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void aScenarioThatExpectsTheWrongVerdictFailsWithTheDifference() {
        EligibilityScenario ok = scenarios().stream().filter(s -> s.file().endsWith("02-cd4-99-below-range.yaml"))
                .findFirst().orElseThrow();
        EligibilityScenario wrong = new EligibilityScenario(ok.file(), ok.name(), ok.protocolId(), ok.asOf(),
                ok.today(), ok.candidate(), org.il7cds.engine.eligibility.Verdict.ELIGIBLE, ok.expectedStatuses(),
                ok.expectedRules(), ok.expectedSettleBy(), ok.expectedError(), ok.fields(), ok.retreatment());
        ScenarioResult result = EligibilityScenarios.run(Engines.packagedRules(), wrong);
        assertThat(result.passed()).isFalse();
        assertThat(result.differences()).contains("verdict: expected ELIGIBLE, got NOT_ELIGIBLE");
    }

    @Test
    void aReTreatmentScenarioComparesTheDecisionAndTheEarliestDate() {
        EligibilityScenario ok = scenarios().stream()
                .filter(s -> s.file().endsWith("retreatment/05-fourth-cycle-in-12-months-refused.yaml")).findFirst()
                .orElseThrow();
        assertThat(ok.retreatment().previousCycles()).hasSize(3);
        assertThat(ok.fields().name("previousCycles[0].doseDates[2]")).isEqualTo("previousCycles[0].doseDates[2]");
        EligibilityScenario wrong = new EligibilityScenario(ok.file(), ok.name(), ok.protocolId(), ok.asOf(),
                ok.today(), ok.candidate(), org.il7cds.engine.eligibility.Verdict.ELIGIBLE, ok.expectedStatuses(),
                ok.expectedRules(), ok.expectedSettleBy(), ok.expectedError(), ok.fields(),
                new EligibilityScenario.Retreatment(ok.retreatment().previousCycles(),
                        java.time.LocalDate.of(2027, 7, 7)));
        ScenarioResult result = EligibilityScenarios.run(Engines.packagedRules(), wrong);
        assertThat(result.differences()).containsExactly("decision: expected INDICATED, got NOT_INDICATED",
                "earliestDate: expected 2027-07-07, got 2027-07-06");
    }

    @Test
    void theRetiredReTreatmentShapeIsRefusedWithAHint() {
        org.il7cds.engine.rules.RuleBundle bundle = org.il7cds.engine.fixtures.Bundles.packagedWith(
                "protocols/inspire-2/scenarios/retreatment/99-old.yaml", """
                name: "the format before issue 16"
                asOf: 2027-06-01
                base: ../eligibility/_eligible.yaml
                previousCycles: []
                expect:
                  decision: INDICATED
                """);
        List<RuleProblem> problems = new ArrayList<>();
        EligibilityScenarios.read(bundle, problems);
        assertThat(problems).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).contains("'previousCycles'").contains("request.previousCycles"))
                .anySatisfy(m -> assertThat(m).contains("'asOf'").contains("request.asOf"));
    }

    @Test
    void aTypoInAScenarioFileIsAProblemNotASilentlySkippedExpectation() {
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
        org.il7cds.engine.rules.RuleBundle.fromClasspath().files()
                .forEach((p, b) -> files.put(p, new String(b, java.nio.charset.StandardCharsets.UTF_8)));
        files.put("protocols/levy-2009/scenarios/eligibility/99-typo.yaml", """
                name: "a typo"
                base: _eligible.yaml
                request:
                  asOf: 2026-11-26
                  candidate:
                    cd4Count: []
                expect:
                  verdict: ELIGIBLE
                  critera: { cd4-count: NOT_MET }
                """);
        List<RuleProblem> problems = new ArrayList<>();
        EligibilityScenarios.read(org.il7cds.engine.rules.RuleBundle.of(files, "test"), problems);
        assertThat(problems).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("expect: ").contains("critera"))
                .anySatisfy(m -> assertThat(m).startsWith("request.candidate: ").contains("cd4Count"));
    }
}
