package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A draft rhIL-7 order as a prescriber's system states it, before it is signed: what {@link DoseOrderCheck} compares
 * with the protocol. Every field may be null (a draft is often incomplete); an absent element is a mismatch the
 * corrected order fills in, never assumed to be right.
 *
 * @param doseValue the dose per injection, in {@code doseUnit}
 * @param route the route code as the protocol names it ({@code SC}, {@code IM}, {@code IV}); null when not stated
 * @param frequency doses per {@code period} (FHIR Timing.repeat.frequency)
 * @param period with {@code periodUnit} (FHIR Timing.repeat.period)
 * @param periodUnit FHIR's {@code d} or {@code wk} (others cannot be compared and are reported)
 * @param numberOfDoses the number of injections ordered (FHIR Timing.repeat.count)
 * @param doseDates the dose dates when the order lists them (FHIR Timing.event); empty when it does not
 * @param firstDoseDate the first dose's date (Timing.repeat.boundsPeriod.start, else the first dose date); null: the
 *     check's as-of date
 */
public record DraftOrder(BigDecimal doseValue, DoseUnit doseUnit, String route, Integer frequency, BigDecimal period,
        String periodUnit, Integer numberOfDoses, List<LocalDate> doseDates, LocalDate firstDoseDate) {

    public DraftOrder {
        doseDates = doseDates == null ? List.of() : List.copyOf(doseDates);
    }
}
