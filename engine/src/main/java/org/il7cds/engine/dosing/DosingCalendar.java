package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.eligibility.Verdict;

/**
 * A complete injection calendar: every dose placed, with its amount, and the monitoring visits.
 *
 * @param calendarId stable for the same request and rules (a hash of both)
 * @param pseudonymId the candidate's pseudonymous identifier, as the clinic gave it (never a name)
 * @param asOf the planning date the request was checked against
 * @param eligibility the candidate's verdict as of the first injection date
 * @param override the override that allowed a calendar for a candidate not ELIGIBLE, or null
 * @param doseRounding the declared rounding rule ("dose rounded half-up to 1 µg")
 * @param totals the drug, volume and vials of the whole course
 * @param notes assumptions and adjustments the reader should know
 */
public record DosingCalendar(String calendarId, String pseudonymId, LocalDate asOf, String protocolId,
        String rulesVersion, String rulesHash, Verdict eligibility, EligibilityOverride override,
        BigDecimal doseLevelUgPerKg, BigDecimal weightKg, LocalDate weightMeasuredOn, String doseRounding,
        List<ScheduledDose> doses, List<MonitoringVisit> visits, CourseTotals totals, List<String> notes) {

    public DosingCalendar {
        doses = List.copyOf(doses);
        visits = List.copyOf(visits);
        notes = List.copyOf(notes);
    }
}
