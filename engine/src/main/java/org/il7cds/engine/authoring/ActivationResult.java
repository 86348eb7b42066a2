package org.il7cds.engine.authoring;

/**
 * The answer to an activation, rollback or approval: whether the new rules are live, the activation now answering
 * (unchanged when not activated), the validation report that says why, and, under two-person approval, the proposal
 * that now waits for a second informatician (null otherwise).
 */
public record ActivationResult(boolean activated, Activation active, ValidationReport report, Proposal proposal) {
}
