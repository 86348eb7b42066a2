package org.il7cds.engine.authoring;

import java.util.ArrayList;
import java.util.List;
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
import org.il7cds.engine.scenarios.ScenarioResult;

/**
 * Validates a rules bundle without changing anything live: compiles it into a fresh knowledge base, lints
 * it and runs every scenario file against it, eligibility ({@code scenarios/eligibility/}) and dosing calendar
 * ({@code scenarios/dosing/}) alike (a looping rule set fails its scenarios at the firing limit). A dosing rule
 * that fired in no dosing scenario is a lint ERROR, computed from the scenario runs.
 */
public final class RulesValidator {

    /** A validated bundle: the report, and the compiled rule set when it compiled. */
    public record Outcome(ValidationReport report, RuleSet compiled) {
    }

    private RulesValidator() {
    }

    public static Outcome validate(RuleBundle bundle) {
        RuleSet compiled;
        try {
            compiled = RuleSetCompiler.compile(bundle);
        } catch (RulesLoadException e) {
            List<RuleProblem> problems = new ArrayList<>(e.problems());
            problems.addAll(warnings(bundle));
            return new Outcome(new ValidationReport(null, bundle.contentHash(), problems, List.of()), null);
        }
        return new Outcome(validate(compiled), compiled);
    }

    /** Lints an already compiled rule set and runs its scenarios (used again before a rollback). */
    public static ValidationReport validate(RuleSet compiled) {
        List<RuleProblem> problems = new ArrayList<>(warnings(compiled.bundle()));
        List<EligibilityScenario> scenarios = EligibilityScenarios.read(compiled.bundle(), problems);
        List<DosingScenario> dosingScenarios = DosingScenarios.read(compiled.bundle(), problems);
        problems.addAll(RulesLint.check(compiled, scenarios));
        List<ScenarioResult> results = new ArrayList<>(
                scenarios.stream().map(s -> EligibilityScenarios.run(compiled, s)).toList());
        List<DosingScenarioResult> dosingResults = dosingScenarios.stream()
                .map(s -> DosingScenarios.run(compiled, s)).toList();
        problems.addAll(RulesLint.checkDosingRulesExercised(compiled, dosingResults));
        dosingResults.forEach(r -> results.add(r.result()));
        return new ValidationReport(compiled.version(), compiled.contentHash(), problems, results);
    }

    /** What taking the files found and did not fail the load: the hidden files left out. */
    private static List<RuleProblem> warnings(RuleBundle bundle) {
        return bundle.findings().stream().filter(p -> p.severity() == RuleProblem.Severity.WARNING).toList();
    }
}
