package org.il7cds.engine.authoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.il7cds.engine.rules.RulesLoadException;
import org.il7cds.engine.scenarios.DosingScenario;
import org.il7cds.engine.scenarios.DosingScenarioResult;
import org.il7cds.engine.scenarios.DosingScenarios;
import org.il7cds.engine.scenarios.EligibilityScenario;
import org.il7cds.engine.scenarios.EligibilityScenarios;
import org.il7cds.engine.scenarios.MonitoringScenario;
import org.il7cds.engine.scenarios.MonitoringScenarios;
import org.il7cds.engine.scenarios.ScenarioResult;

/**
 * Validates a rules bundle without changing anything live: compiles it into a fresh knowledge base (after the rules
 * sandbox, see RuleSetCompiler), lints it and runs every scenario file against it, eligibility
 * ({@code scenarios/eligibility/}) and dosing calendar ({@code scenarios/dosing/}) alike (a looping rule set fails
 * its scenarios at the firing limit). A dosing rule that fired in no dosing scenario is a lint ERROR, computed from the
 * scenario runs. Each validation runs within {@link Limits} (ValidationGuard): past them it is stopped and the report
 * says why; the caller never waits longer than the time limit.
 */
public final class RulesValidator {

    /** A validated bundle: the report, and the compiled rule set when it compiled (null when stopped). */
    public record Outcome(ValidationReport report, RuleSet compiled) {
    }

    /**
     * The resources one validation may use.
     *
     * @param timeout the longest a caller waits for compiling a bundle and running its scenarios
     * @param maxHeapInUse the share of the heap (0 to 1) that may be in use, after a full collection, while a
     *        validation runs; above it the validation stops (or does not start)
     */
    public record Limits(Duration timeout, double maxHeapInUse) {

        /** A minute (the packaged rules validate in a few seconds on two cores), and 85% of the heap. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), 0.85);

        public Limits {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the validation time limit must be positive: " + timeout);
            }
            if (!(maxHeapInUse > 0 && maxHeapInUse <= 1)) {
                throw new IllegalArgumentException("the heap share must be above 0 and at most 1: " + maxHeapInUse);
            }
        }
    }

    private static volatile Limits limits = Limits.DEFAULT;

    private RulesValidator() {
    }

    /** Sets the limits of every later validation (the service's configuration). */
    public static void limit(Limits newLimits) {
        limits = Objects.requireNonNull(newLimits);
    }

    public static Limits limits() {
        return limits;
    }

    public static Outcome validate(RuleBundle bundle) {
        return ValidationGuard.run(limits, guard -> compileAndCheck(bundle, guard), stop -> new Outcome(
                new ValidationReport(null, bundle.contentHash(), List.of(stop), List.of()), null));
    }

    /** Lints an already compiled rule set and runs its scenarios (used again before a rollback). */
    public static ValidationReport validate(RuleSet compiled) {
        return ValidationGuard.run(limits, guard -> check(compiled, guard), stop -> new ValidationReport(
                compiled.version(), compiled.contentHash(), List.of(stop), List.of()));
    }

    private static Outcome compileAndCheck(RuleBundle bundle, ValidationGuard guard) {
        RuleSet compiled;
        try {
            compiled = RuleSetCompiler.compile(bundle);
        } catch (RulesLoadException e) {
            List<RuleProblem> problems = new ArrayList<>(e.problems());
            problems.addAll(warnings(bundle));
            return new Outcome(new ValidationReport(null, bundle.contentHash(), problems, List.of()), null);
        }
        return new Outcome(check(compiled, guard), compiled);
    }

    private static ValidationReport check(RuleSet compiled, ValidationGuard guard) {
        guard.watch(compiled);
        List<RuleProblem> problems = new ArrayList<>(warnings(compiled.bundle()));
        List<EligibilityScenario> scenarios = EligibilityScenarios.read(compiled.bundle(), problems);
        List<DosingScenario> dosingScenarios = DosingScenarios.read(compiled.bundle(), problems);
        List<MonitoringScenario> monitoringScenarios = MonitoringScenarios.read(compiled.bundle(), problems);
        problems.addAll(RulesLint.check(compiled, scenarios));
        List<ScenarioResult> results = new ArrayList<>();
        for (EligibilityScenario s : scenarios) {
            if (guard.stopped()) {
                return stoppedEarly(compiled);
            }
            results.add(EligibilityScenarios.run(compiled, s));
        }
        List<DosingScenarioResult> dosingResults = new ArrayList<>();
        for (DosingScenario s : dosingScenarios) {
            if (guard.stopped()) {
                return stoppedEarly(compiled);
            }
            dosingResults.add(DosingScenarios.run(compiled, s));
        }
        problems.addAll(RulesLint.checkRulesExercised(compiled, results, dosingResults));
        List<MonitoringScenarios.Run> monitoringRuns = new ArrayList<>();
        for (MonitoringScenario s : monitoringScenarios) {
            if (guard.stopped()) {
                return stoppedEarly(compiled);
            }
            monitoringRuns.add(MonitoringScenarios.run(compiled, s));
        }
        problems.addAll(RulesLint.checkMonitoringRulesExercised(compiled, monitoringRuns));
        monitoringRuns.forEach(r -> results.add(r.result()));
        dosingResults.forEach(r -> results.add(r.result()));
        return new ValidationReport(compiled.version(), compiled.contentHash(), problems, results);
    }

    /** Nobody reads this report (the caller already has the guard's finding); it is invalid all the same. */
    private static ValidationReport stoppedEarly(RuleSet compiled) {
        return new ValidationReport(compiled.version(), compiled.contentHash(),
                List.of(RuleProblem.error(ValidationGuard.BUNDLE, 0, "validation stopped")), List.of());
    }

    /** What taking the files found and did not fail the load: the hidden files left out. */
    private static List<RuleProblem> warnings(RuleBundle bundle) {
        return bundle.findings().stream().filter(p -> p.severity() == RuleProblem.Severity.WARNING).toList();
    }
}
