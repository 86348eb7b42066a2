package org.il7cds.engine.scenarios;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;

/**
 * The dosing calendar scenarios of a rules bundle ({@code protocols/<id>/scenarios/dosing/*.yaml}; files starting
 * with '_' are shared bases, not scenarios; the format is in rules/README.md): finds and reads them
 * ({@link DosingScenarioReader}) and plans each with a rule set, handing the calendar to {@link DosingComparison} or
 * the error to {@link ErrorComparison}. A file with problems is not run.
 */
public final class DosingScenarios {

    /** The day a scenario is planned on when it gives no {@code today} (the day {@code _eligible.yaml} is written for). */
    public static final LocalDate DEFAULT_TODAY = DosingScenarioReader.DEFAULT_TODAY;

    private static final Pattern SCENARIO = Pattern.compile(
            "protocols/([a-z0-9-]+)/scenarios/dosing/([^/_][^/]*)\\.ya?ml");

    private DosingScenarios() {
    }

    /** The dosing scenario files of {@code bundle}, in path order. */
    public static List<String> files(RuleBundle bundle) {
        return bundle.files().keySet().stream().filter(p -> SCENARIO.matcher(p).matches()).toList();
    }

    /** Reads every dosing scenario file; problems (bad YAML, keys or values the schema refuses) are collected. */
    public static List<DosingScenario> read(RuleBundle bundle, List<RuleProblem> problems) {
        return ScenarioFiles.readAll(bundle, SCENARIO,
                (path, m, p) -> DosingScenarioReader.read(bundle, path, m.group(1), p), problems);
    }

    /**
     * Plans the scenario's request with {@code rules}, on a clock fixed at the scenario's "today", and compares
     * the calendar or the error with what the file expects.
     */
    public static DosingScenarioResult run(RuleSet rules, DosingScenario s) {
        Clock clock = Clock.fixed(s.today().atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        DosingEngine engine = new DosingEngine(() -> rules, new EligibilityEngine(() -> rules, clock), clock);
        List<String> fired = new ArrayList<>();
        List<String> diff = new ArrayList<>();
        DosingCalendar calendar = null;
        RuntimeException error = null;
        try {
            calendar = engine.plan(s.request(), fired::add);
        } catch (RuntimeException e) {
            error = e;
        }
        if (s.expected().error() != null) {
            ErrorComparison.compare(s.expected().error(), error, s.fields(), diff);
        } else if (error != null) {
            diff.add("expected a calendar, but " + ErrorComparison.describe(error, s.fields()));
        } else {
            DosingComparison.compare(s.expected(), calendar, diff);
        }
        return new DosingScenarioResult(s.protocolId(), new ScenarioResult(s.file(), s.name(), diff, null), calendar,
                fired);
    }
}
