package org.il7cds.engine.course;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.CalendarRequest;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.rules.RuleSet;

/**
 * Intermittent re-treatment: whether a new cycle is indicated now (the protocol's retreatment criteria, decided by its
 * rules on the history of results and the course history), and the calendar of a new cycle, planned by the same
 * dosing rules as a first course with the re-treatment decision as its gate.
 */
public final class RetreatmentEngine {

    private final Supplier<RuleSet> rules;
    private final EligibilityEngine eligibility;
    private final DosingEngine dosing;
    private final Clock clock;

    public RetreatmentEngine(Supplier<RuleSet> rules, EligibilityEngine eligibility, DosingEngine dosing, Clock clock) {
        this.rules = rules;
        this.eligibility = eligibility;
        this.dosing = dosing;
        this.clock = clock;
    }

    public RetreatmentDecision decide(RetreatmentRequest request) {
        return decide(rules.get(), request, clock);
    }

    /**
     * @throws InvalidInputException for bad input, or when the protocol defines no repeat cycles
     */
    public RetreatmentDecision decide(RuleSet ruleSet, RetreatmentRequest request, Clock clock) {
        if (request == null) {
            throw new InvalidInputException("request", "is required");
        }
        Assessment a = eligibility.assessRetreatment(ruleSet, request.protocolId(), request.candidate(),
                request.previousCycles(), request.asOf(), clock);
        return RetreatmentDecision.of(a);
    }

    /**
     * The calendar of a new cycle: the decision is made as of the first injection date; when the cycle is not
     * indicated there is no calendar ({@link CalendarRefusedException}, as for a first course), unless the request
     * carries an authorised override, which the calendar records.
     *
     * @param firedRules told each dosing rule that fires (the scenario runner); may be null
     */
    public DosingCalendar planCycle(RuleSet ruleSet, CalendarRequest calendar, RetreatmentRequest history, Clock clock,
            Consumer<String> firedRules) {
        if (calendar == null || history == null) {
            throw new InvalidInputException("request", "is required");
        }
        if (calendar.firstInjectionDate() == null) {
            throw new InvalidInputException("firstInjectionDate", "is required: the first dose of the new cycle");
        }
        Assessment gate = eligibility.assessRetreatment(ruleSet, calendar.protocolId(), calendar.candidate(),
                history.previousCycles(), calendar.firstInjectionDate(), clock);
        return dosing.planCycle(ruleSet, calendar, clock, gate, firedRules);
    }
}
