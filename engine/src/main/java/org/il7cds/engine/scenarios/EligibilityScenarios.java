package org.il7cds.engine.scenarios;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;

/**
 * The eligibility and re-treatment scenarios of a rules bundle ({@code protocols/<id>/scenarios/eligibility/*.yaml}
 * and {@code .../scenarios/retreatment/*.yaml}; files starting with '_' are shared bases, not scenarios): finds and
 * reads them ({@link EligibilityScenarioReader}) and runs each against a rule set (a re-treatment scenario assesses
 * the protocol's retreatment criteria with its course history), handing the answer to {@link EligibilityComparison}
 * or {@link ErrorComparison}.
 */
public final class EligibilityScenarios {

    private static final Pattern SCENARIO = Pattern.compile(
            "protocols/([a-z0-9-]+)/scenarios/(eligibility|retreatment)/([^/_][^/]*)\\.ya?ml");

    private EligibilityScenarios() {
    }

    /** Reads every scenario file; problems (bad YAML, keys or values the schema refuses) are collected, not thrown. */
    public static List<EligibilityScenario> read(RuleBundle bundle, List<RuleProblem> problems) {
        return ScenarioFiles.readAll(bundle, SCENARIO, (path, m, p) -> EligibilityScenarioReader.read(bundle, path,
                m.group(1), m.group(2).equals("retreatment"), p), problems);
    }

    /** Runs one scenario against {@code rules}, on a clock fixed at the scenario's "today". */
    public static ScenarioResult run(RuleSet rules, EligibilityScenario s) {
        Clock clock = Clock.fixed(s.today().atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        EligibilityEngine engine = new EligibilityEngine(() -> rules, clock);
        Assessment a = null;
        RuntimeException error = null;
        try {
            a = s.retreatment() == null ? engine.assess(rules, s.protocolId(), s.candidate(), s.asOf())
                    : engine.assessRetreatment(rules, s.protocolId(), s.candidate(), s.retreatment().previousCycles(),
                            s.asOf(), clock);
        } catch (InvalidInputException | RulesExecutionException e) {
            error = e;
        }
        List<String> diff = new ArrayList<>();
        if (s.expectedError() != null) {
            ErrorComparison.compare(s.expectedError(), error, s.fields(), diff);
        } else if (error != null) {
            diff.add("expected a verdict, but " + ErrorComparison.describe(error, s.fields()));
        } else {
            EligibilityComparison.compare(s, a, diff);
        }
        return new ScenarioResult(s.file(), s.name(), diff, a);
    }
}
