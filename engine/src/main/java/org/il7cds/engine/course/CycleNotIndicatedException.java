package org.il7cds.engine.course;

import org.il7cds.engine.dosing.CalendarRefusedException;

/**
 * No calendar for a new cycle: it is not indicated as of its first injection date (or undetermined) and no override
 * allows one. Carries the re-treatment decision: the criteria, the earliest date a new cycle could be indicated when
 * only dates stand in the way, and what would settle the rest.
 */
public class CycleNotIndicatedException extends CalendarRefusedException {

    private final transient RetreatmentDecision decision;

    public CycleNotIndicatedException(RetreatmentDecision decision, String reason) {
        super(decision.assessment(), reason);
        this.decision = decision;
    }

    public RetreatmentDecision decision() {
        return decision;
    }
}
