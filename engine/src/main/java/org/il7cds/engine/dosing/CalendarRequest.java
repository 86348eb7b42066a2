package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.il7cds.engine.eligibility.Candidate;

/**
 * What a pharmacist asks for: a dosing calendar for one candidate.
 *
 * @param protocolId null means levy-2009
 * @param doseLevelUgPerKg must be one of the protocol's dose levels (levy-2009: 3 or 10)
 * @param weightMeasuredOn the date the weight was measured (too old is refused)
 * @param clinicDays null means the protocol's default (levy-2009: Monday, Wednesday, Friday)
 * @param closures dates the clinic is closed (holidays); may be empty
 * @param concentrationUgPerMl optional; with it the calendar says what volume to draw
 * @param maxVolumePerSiteMl optional; larger volumes are split across injection sites
 * @param syringeGraduationMl optional; volumes are rounded to it and the rounding error is stated
 * @param candidate the candidate snapshot; eligibility is assessed as of the first injection date
 * @param override required to produce a calendar for a candidate who is not ELIGIBLE
 * @param asOf the planning date: null means today; the first injection must be on or after it, so that the same
 *     request gives the same calendar on any later day (as an assessment's as-of date does)
 * @param vialSizeUg optional: the drug content of one vial, in µg; with it the calendar counts the vials
 */
public record CalendarRequest(String protocolId, BigDecimal doseLevelUgPerKg, BigDecimal weightKg,
        LocalDate weightMeasuredOn, LocalDate firstInjectionDate, Set<DayOfWeek> clinicDays, List<LocalDate> closures,
        BigDecimal concentrationUgPerMl, BigDecimal maxVolumePerSiteMl, BigDecimal syringeGraduationMl,
        Candidate candidate, EligibilityOverride override, LocalDate asOf, BigDecimal vialSizeUg) {

    public CalendarRequest {
        clinicDays = clinicDays == null ? null : Set.copyOf(clinicDays);
        closures = closures == null ? List.of() : List.copyOf(closures);
    }

    /** A request planned as of today, without a vial size. */
    public CalendarRequest(String protocolId, BigDecimal doseLevelUgPerKg, BigDecimal weightKg,
            LocalDate weightMeasuredOn, LocalDate firstInjectionDate, Set<DayOfWeek> clinicDays, List<LocalDate> closures,
            BigDecimal concentrationUgPerMl, BigDecimal maxVolumePerSiteMl, BigDecimal syringeGraduationMl,
            Candidate candidate, EligibilityOverride override) {
        this(protocolId, doseLevelUgPerKg, weightKg, weightMeasuredOn, firstInjectionDate, clinicDays, closures,
                concentrationUgPerMl, maxVolumePerSiteMl, syringeGraduationMl, candidate, override, null, null);
    }
}
