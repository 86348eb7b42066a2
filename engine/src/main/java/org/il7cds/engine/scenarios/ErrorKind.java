package org.il7cds.engine.scenarios;

/** How a request may end other than with an answer, as a scenario writes it under {@code expect.error.kind}. */
public enum ErrorKind {
    /** A 400 problem naming the fields (eligibility and dosing). */
    INVALID_INPUT("invalid-input"),
    /** No calendar for this candidate: not ELIGIBLE and no override that lifts it (dosing). */
    REFUSED("refused"),
    /** The doses do not fit the course window (dosing). */
    INFEASIBLE("infeasible");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static ErrorKind of(String label) {
        for (ErrorKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        return null;
    }
}
