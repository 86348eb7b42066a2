package org.il7cds.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input the engine refuses to decide on (an unknown unit, a malformed or impossible value, a future
 * sample date), with every problem found. No verdict or calendar is produced from such input. Messages
 * name fields and rules, never the clinical values themselves, so they are safe to log.
 */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
