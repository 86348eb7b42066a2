package org.il7cds.engine.authoring;

/** A governance operation refused for a reason the caller can fix or must know ({@link Reason}); nothing changed. */
public final class RulesGovernanceException extends RuntimeException {

    /** Why an operation was refused. */
    public enum Reason {
        /** The version label is stored with other content. */
        LABEL_TAKEN,
        /** The current activation has nothing before it to roll back to. */
        NO_PREVIOUS_VERSION,
        UNKNOWN_VERSION,
        UNKNOWN_PROPOSAL,
        /** The proposal was already approved or withdrawn. */
        PROPOSAL_CLOSED,
        /** Under two-person approval, the proposer cannot approve their own proposal. */
        SELF_APPROVAL,
        /** The operation needs a reason text. */
        REASON_MISSING,
        /** A rules file is not UTF-8 text, so it could not be stored exactly. */
        NOT_TEXT
    }

    private final Reason reason;

    public RulesGovernanceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
