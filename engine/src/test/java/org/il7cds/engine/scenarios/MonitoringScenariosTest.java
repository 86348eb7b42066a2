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
}
