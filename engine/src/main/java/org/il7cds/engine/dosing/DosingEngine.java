package org.il7cds.engine.dosing;

import java.time.Clock;
import java.util.function.Supplier;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.RuleSet;

/**
 * The dosing facade: a calendar request in, a complete calendar out (or a clear refusal).
 * Contract only for now; the implementation lands with the dosing issue.
 */
public final class DosingEngine {

    private final Supplier<RuleSet> rules;
    private final EligibilityEngine eligibility;
    private final Clock clock;

    public DosingEngine(Supplier<RuleSet> rules, EligibilityEngine eligibility, Clock clock) {
        this.rules = rules;
        this.eligibility = eligibility;
        this.clock = clock;
    }

    /**
     * @throws org.il7cds.engine.InvalidInputException for bad input (unknown dose level, old or implausible
     *     weight, first injection date not a clinic day, ...), every problem listed
     * @throws CalendarRefusedException when the candidate is not ELIGIBLE and no override is given
     * @throws ScheduleInfeasibleException when a dose cannot be placed within the window
     */
    public DosingCalendar plan(CalendarRequest request) {
        throw new UnsupportedOperationException("dosing is not implemented yet");
    }
}
