package org.il7cds.engine.authoring;

import java.util.List;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.scenarios.ScenarioResult;

/**
 * The result of validating a rules bundle: compile errors and lint findings (each with file and line) and the
 * outcome of every scenario, eligibility scenarios first, then dosing calendar scenarios (whose assessment is
 * null). Valid means no ERROR and every scenario passed; warnings do not block.
 *
 * @param version the bundle's declared version (null if unreadable)
 */
public record ValidationReport(String version, String contentHash, List<RuleProblem> problems,
        List<ScenarioResult> scenarios) {

    public ValidationReport {
        problems = List.copyOf(problems);
        scenarios = List.copyOf(scenarios);
    }

    public boolean valid() {
        return problems.stream().noneMatch(p -> p.severity() == RuleProblem.Severity.ERROR)
                && scenarios.stream().allMatch(ScenarioResult::passed);
    }

    public long failedScenarios() {
        return scenarios.stream().filter(s -> !s.passed()).count();
    }

    /** A plain-text report, one line per problem and per failing scenario, for a terminal. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        problems.forEach(p -> out.append(p).append('\n'));
        scenarios.stream().filter(s -> !s.passed()).forEach(s -> {
            out.append("SCENARIO FAILED ").append(s.file()).append(": ").append(s.name()).append('\n');
            s.differences().forEach(d -> out.append("    ").append(d).append('\n'));
        });
        out.append(valid() ? "VALID" : "INVALID").append(": ").append(problems.size()).append(" problem(s), ")
                .append(scenarios.size()).append(" scenario(s), ").append(failedScenarios()).append(" failed")
                .append(version == null ? "" : ", version " + version)
                .append(contentHash == null ? "" : ", " + contentHash).append('\n');
        return out.toString();
    }
}
