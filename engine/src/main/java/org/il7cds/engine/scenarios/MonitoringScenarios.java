package org.il7cds.engine.scenarios;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.course.MonitoringAnswer;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;

/**
 * The monitoring scenarios of a rules bundle ({@code protocols/<id>/scenarios/monitoring/*.yaml}; files starting
 * with '_' are shared bases, not scenarios; the format is rules/schema/monitoring-scenario.schema.json): finds and
 * reads them ({@link MonitoringScenarioReader}) and runs each against a rule set, handing the answer to
 * {@link MonitoringComparison} or the refusal to {@link ErrorComparison}.
 */
public final class MonitoringScenarios {

    private static final Pattern SCENARIO = Pattern.compile(
            "protocols/([a-z0-9-]+)/scenarios/monitoring/([^/_][^/]*)\\.ya?ml");

    /** A run: the result, the protocol, the monitoring rules that fired (coverage) and the answer (null if refused). */
    public record Run(ScenarioResult result, String protocolId, Set<String> firedRules, MonitoringAnswer answer) {
    }

    private MonitoringScenarios() {
    }

    /** Reads every monitoring scenario file; problems (bad YAML, keys or values the schema refuses) are collected. */
    public static List<MonitoringScenario> read(RuleBundle bundle, List<RuleProblem> problems) {
        return ScenarioFiles.readAll(bundle, SCENARIO,
                (path, m, p) -> MonitoringScenarioReader.read(bundle, path, m.group(1), p), problems);
    }

    /** Runs one scenario against {@code rules}, on a clock fixed at the scenario's "today". */
    public static Run run(RuleSet rules, MonitoringScenario s) {
        Clock clock = Clock.fixed(s.today().atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        MonitoringEngine engine = new MonitoringEngine(() -> rules, clock);
        Set<String> fired = new LinkedHashSet<>();
        List<String> diff = new ArrayList<>();
        MonitoringAnswer a = null;
        RuntimeException error = null;
        try {
            a = engine.assess(rules, s.request(), clock, fired::add);
        } catch (InvalidInputException | RulesExecutionException e) {
            error = e;
        }
        if (s.expected().error() != null) {
            ErrorComparison.compare(s.expected().error(), error, s.fields(), diff);
        } else if (error != null) {
            diff.add("expected an answer, but " + ErrorComparison.describe(error, s.fields()));
        } else {
            MonitoringComparison.compare(s.expected(), a, diff);
        }
        return new Run(new ScenarioResult(s.file(), s.name(), diff, null), s.protocolId(), fired, a);
    }
}
