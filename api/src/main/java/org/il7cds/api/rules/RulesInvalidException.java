package org.il7cds.api.rules;

import org.il7cds.engine.authoring.ValidationReport;

/** A rules bundle that cannot be previewed or activated: 422 rules-invalid with the validation report. */
public class RulesInvalidException extends RuntimeException {

    private final transient ValidationReport report;

    public RulesInvalidException(String message, ValidationReport report) {
        super(message);
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
