package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@link DoseOrderCheck} found in a draft order: each way it differs from what the protocol's dosing rules
 * prescribe (with the deciding rule or parameter and its source), what data was missing to check it, and the
 * corrected order's values. {@link Status#MATCHES} only when every aspect was checked and matched: a missing or stale
 * weight is never "matches".
 *
 * @param weightKg the weight the dose was checked against, or null when none was usable
 * @param doseRounding how the protocol rounds a dose (its declared rule, e.g. "half-up to the nearest 1 µg")
 * @param missing what is missing or unusable, each saying what would settle it; empty when nothing is
 * @param corrected the order the protocol prescribes; null when it cannot be computed (no usable weight)
 */
public record OrderReview(String protocolId, String rulesVersion, String rulesHash, Status status,
        List<Mismatch> mismatches, List<String> missing, BigDecimal weightKg, LocalDate weightMeasuredOn,
        String doseRounding, CorrectedOrder corrected) {

    public OrderReview {
        mismatches = List.copyOf(mismatches);
        missing = List.copyOf(missing);
    }

    /** The outcome of the check. */
    public enum Status {
        /** Every aspect checked, none differs. */
        MATCHES,
        /** At least one aspect differs from the protocol. */
        MISMATCH,
        /** Nothing found to differ, but not everything could be checked (see {@code missing}). */
        INCOMPLETE
    }

    /** The aspects of an order that are compared. */
    public enum Aspect {
        DOSE_LEVEL, DOSE_TOTAL, ROUTE, FREQUENCY, NUMBER_OF_DOSES, DOSE_DATES
    }

    /**
     * One difference.
     *
     * @param ordered what the draft says (or "not stated")
     * @param prescribed what the protocol prescribes instead
     * @param rule the dosing rule (DRL rule name) or protocol parameter ({@code dosing.doses}) that decides it
     * @param source the clinical source that rule or parameter cites, "(assumption)" when unconfirmed
     */
    public record Mismatch(Aspect aspect, String ordered, String prescribed, String rule, String source) {
    }

    /**
     * The order the protocol prescribes for this patient: the dose the dosing rules compute (level × weight, rounded
     * as declared) and the schedule the calendar places from the first dose date on the protocol's default clinic
     * days (as {@code POST /v1/dosing/calendars} does without clinic days).
     *
     * @param frequency doses per {@code period} {@code periodUnit} (the protocol's maximum per ISO week)
     */
    public record CorrectedOrder(BigDecimal doseLevelUgPerKg, BigDecimal doseUg, String route, int numberOfDoses,
            int frequency, int period, String periodUnit, List<LocalDate> doseDates) {

        public CorrectedOrder {
            doseDates = List.copyOf(doseDates);
        }
    }
}
