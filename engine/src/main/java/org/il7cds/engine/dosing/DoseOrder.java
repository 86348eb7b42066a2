package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The fact dosing rules see for the request: dose level, weight and its age at the first injection, and the
 * volume inputs (graduation already defaulted from the protocol). Fields are null when not given or invalid;
 * the engine reports those itself, so rules guard with {@code != null}.
 */
public final class DoseOrder {

    private final BigDecimal doseLevelUgPerKg;
    private final BigDecimal weightKg;
    private final LocalDate weightMeasuredOn;
    private final Integer weightAgeDays;
    private final LocalDate firstInjectionDate;
    private final BigDecimal concentrationUgPerMl;
    private final BigDecimal syringeGraduationMl;

    DoseOrder(BigDecimal doseLevelUgPerKg, BigDecimal weightKg, LocalDate weightMeasuredOn, LocalDate firstInjectionDate,
            BigDecimal concentrationUgPerMl, BigDecimal syringeGraduationMl) {
        this.doseLevelUgPerKg = doseLevelUgPerKg;
        this.weightKg = weightKg;
        this.weightMeasuredOn = weightMeasuredOn;
        this.firstInjectionDate = firstInjectionDate;
        this.weightAgeDays = weightMeasuredOn == null || firstInjectionDate == null ? null
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, // clamped: out-of-range dates are refused anyway
                        java.time.temporal.ChronoUnit.DAYS.between(weightMeasuredOn, firstInjectionDate)));
        this.concentrationUgPerMl = concentrationUgPerMl;
        this.syringeGraduationMl = syringeGraduationMl;
    }

    public BigDecimal getDoseLevelUgPerKg() {
        return doseLevelUgPerKg;
    }

    /** True when the requested level equals (numerically) one of {@code levels}. */
    public boolean levelIn(List<BigDecimal> levels) {
        return doseLevelUgPerKg != null && levels.stream().anyMatch(l -> l.compareTo(doseLevelUgPerKg) == 0);
    }

    public BigDecimal getWeightKg() {
        return weightKg;
    }

    public LocalDate getWeightMeasuredOn() {
        return weightMeasuredOn;
    }

    /** Days from the weighing to the first injection; negative when weighed after it; null when unknown. */
    public Integer getWeightAgeDays() {
        return weightAgeDays;
    }

    public LocalDate getFirstInjectionDate() {
        return firstInjectionDate;
    }

    public BigDecimal getConcentrationUgPerMl() {
        return concentrationUgPerMl;
    }

    public BigDecimal getSyringeGraduationMl() {
        return syringeGraduationMl;
    }
}
