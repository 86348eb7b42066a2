package org.il7cds.engine.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.il7cds.engine.fixtures.Bundles;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every monitoring scenario file of rules/ passes; a wrong expectation fails with the difference. */
class MonitoringScenariosTest {

    static List<MonitoringScenario> scenarios() {
        List<RuleProblem> problems = new ArrayList<>();
        List<MonitoringScenario> scenarios = MonitoringScenarios.read(Engines.packagedRules().bundle(), problems);
        assertThat(problems).as("monitoring scenario files that cannot be read").isEmpty();
        return scenarios;
    }

    @TestFactory
    Stream<DynamicTest> everyMonitoringScenarioPasses() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.file() + ": " + s.name(), () -> {
            MonitoringScenarios.Run run = MonitoringScenarios.run(Engines.packagedRules(), s);
            assertThat(run.result().differences()).as(s.file()).isEmpty();
        }));
    }

    @Test
    void aWrongExpectationFailsWithTheDifference() {
        MonitoringScenario ok = scenarios().stream().filter(s -> s.file().endsWith("04-two-rises-above-200-failure.yaml"))
                .findFirst().orElseThrow();
        MonitoringScenario.Expected e = ok.expected();
        MonitoringScenario wrong = new MonitoringScenario(ok.file(), ok.name(), ok.protocolId(), ok.today(),
                ok.request(), new MonitoringScenario.Expected(e.results(), e.rules(), List.of(), e.visits(), false,
                        e.error()), ok.fields());
        MonitoringScenarios.Run run = MonitoringScenarios.run(Engines.packagedRules(), wrong);
        assertThat(run.result().passed()).isFalse();
        assertThat(run.result().differences()).anyMatch(d -> d.startsWith("actions: expected []"))
                .contains("stopIl7: expected false, got true");
    }

    @Test
    void theRetiredMonitoringShapeIsRefusedWithAHint() {
        RuleBundle bundle = Bundles.packagedWith("protocols/inspire-2/scenarios/monitoring/99-old.yaml", """
                name: "the format before issue 16"
                asOf: 2027-01-25
                doseDates: [2026-12-07]
                hivRna:
                  - { value: "<20", sampleDate: 2026-11-30 }
                expect:
                  refusedFields: [doseDates]
                """);
        List<RuleProblem> problems = new ArrayList<>();
        assertThat(MonitoringScenarios.read(bundle, problems))
                .noneMatch(s -> s.file().endsWith("99-old.yaml"));
        assertThat(problems).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).contains("'doseDates'").contains("request.doseDates"))
                .anySatisfy(m -> assertThat(m).contains("'hivRna'").contains("request.candidate.hivRna"))
                .anySatisfy(m -> assertThat(m).contains("'refusedFields'").contains("error: { kind: invalid-input"));
    }

    @Test
    void aRefusalNamesTheRequestsFieldsExactly() {
        MonitoringScenario refused = scenarios().stream()
                .filter(s -> s.file().endsWith("15-dose-after-as-of-refused.yaml")).findFirst().orElseThrow();
        MonitoringScenario.Expected e = refused.expected();
        MonitoringScenario fewer = new MonitoringScenario(refused.file(), refused.name(), refused.protocolId(),
                refused.today(), refused.request(), new MonitoringScenario.Expected(e.results(), e.rules(),
                        e.actions(), e.visits(), e.stopIl7(), new ExpectedError(ErrorKind.INVALID_INPUT,
                                List.of("doseDates[1]"), null, null)), refused.fields());
        assertThat(MonitoringScenarios.run(Engines.packagedRules(), fewer).result().differences())
                .singleElement().satisfies(d -> assertThat(d).startsWith("error.fields: expected exactly [doseDates[1]]"));
    }
}
