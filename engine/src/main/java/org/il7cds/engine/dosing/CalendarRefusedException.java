package org.il7cds.engine.dosing;

import org.il7cds.engine.eligibility.Assessment;

/** No calendar for a candidate who is not ELIGIBLE and has no override. Carries the assessment that says why. */
public class CalendarRefusedException extends RuntimeException {

    private final transient Assessment assessment;
    private final String reason;

    public CalendarRefusedException(Assessment assessment) {
        this(assessment, null);
    }

    /** @param reason the refusing rule's explanation (no clinical values), or null */
    public CalendarRefusedException(Assessment assessment, String reason) {
        super("the candidate is " + assessment.verdict() + " for " + assessment.protocolId()
                + ": a calendar needs an ELIGIBLE candidate or an override with a coded reason and who authorised it"
                + (reason == null ? "" : " (" + reason + ")"));
        this.assessment = assessment;
        this.reason = reason;
    }

    /** The refusing rule's explanation, or null. */
    public String reason() {
        return reason;
    }

    public Assessment assessment() {
        return assessment;
    }
}
