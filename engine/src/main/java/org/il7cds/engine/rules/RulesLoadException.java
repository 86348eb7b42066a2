package org.il7cds.engine.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rules bundle that cannot be loaded: every problem found, each with its file and line. Nothing is
 * replaced when this is thrown; whoever held a working rule set keeps it.
 */
public class RulesLoadException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    public RulesLoadException(List<RuleProblem> problems) {
        super("the rules cannot be loaded:\n" + problems.stream().map(RuleProblem::toString)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
