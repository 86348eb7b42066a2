package org.il7cds.engine.dosing;

import org.il7cds.engine.eligibility.Assessment;

/** No calendar for a candidate who is not ELIGIBLE and has no override. Carries the assessment that says why. */
public class CalendarRefusedException extends RuntimeException {

    private final transient Assessment assessment;

    public CalendarRefusedException(Assessment assessment) {
        super("the candidate is " + assessment.verdict() + " for " + assessment.protocolId()
                + ": a calendar needs an ELIGIBLE candidate or an override with a coded reason and who authorised it");
        this.assessment = assessment;
    }

    public Assessment assessment() {
        return assessment;
    }
}
