package org.il7cds.engine.authoring;

/**
 * The answer to an activation or rollback: whether the new rules are live, the version now answering
 * (unchanged on failure) and the validation report that says why.
 */
public record ActivationResult(boolean activated, RulesVersion active, ValidationReport report) {
}
