package org.il7cds.engine.authoring;

/** The service cannot start on these rules: the message says which and why, for the operator reading the log. */
public final class RulesStartupException extends RuntimeException {

    public RulesStartupException(String message) {
        super(message);
    }
}
