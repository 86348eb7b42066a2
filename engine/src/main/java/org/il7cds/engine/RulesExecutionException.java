package org.il7cds.engine;

/**
 * The rules could not produce an answer for this request (a runaway rule set stopped by the firing limit,
 * two rules contradicting each other, a rule asking for a parameter its protocol does not declare). It is
 * a defect of the rules, reported as an error for this request; it is never turned into a verdict.
 */
public class RulesExecutionException extends RuntimeException {

    public RulesExecutionException(String message) {
        super(message);
    }

    public RulesExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
