package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The volume to draw for one dose: the exact prescribed volume (dose ÷ concentration), the volume rounded
 * to the syringe graduation, and the rounding error that causes, in percent of the dose (exact arithmetic).
 */
public final class DoseVolume {

    private final BigDecimal doseUg;
    private final BigDecimal concentrationUgPerMl;
    private final BigDecimal graduationMl;
    private final RoundingMode mode;
    private final BigDecimal roundedMl;

    private DoseVolume(BigDecimal doseUg, BigDecimal concentrationUgPerMl, BigDecimal graduationMl, RoundingMode mode,
            BigDecimal roundedMl) {
        this.doseUg = doseUg;
        this.concentrationUgPerMl = concentrationUgPerMl;
        this.graduationMl = graduationMl;
        this.mode = mode;
        this.roundedMl = roundedMl;
    }

    static DoseVolume of(BigDecimal doseUg, BigDecimal concentrationUgPerMl, BigDecimal graduationMl,
            RoundingMode mode) {
        // dose / (concentration x graduation) is the volume in graduations; BigDecimal rounds the exact quotient.
        BigDecimal graduations = doseUg.divide(concentrationUgPerMl.multiply(graduationMl), 0, mode);
        BigDecimal rounded = graduations.multiply(graduationMl)
                .setScale(Math.max(0, graduationMl.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
        return new DoseVolume(doseUg, concentrationUgPerMl, graduationMl, mode, rounded);
    }

    /** The volume rounded to the graduation, in mL. */
    public BigDecimal getRoundedMl() {
        return roundedMl;
    }

    public BigDecimal getGraduationMl() {
        return graduationMl;
    }

    /** The amount the rounded volume delivers, in µg, without trailing zeros (and never in E notation: 700, not 7E+2). */
    public BigDecimal getDeliveredUg() {
        BigDecimal delivered = roundedMl.multiply(concentrationUgPerMl).stripTrailingZeros();
        return delivered.scale() < 0 ? delivered.setScale(0) : delivered;
    }

    /** (delivered − prescribed) / prescribed × 100, to 2 decimals (half-up); for display. */
    public BigDecimal getErrorPercent() {
        return getDeliveredUg().subtract(doseUg).multiply(BigDecimal.valueOf(100))
                .divide(doseUg, 2, RoundingMode.HALF_UP);
    }

    /** True when |error| exceeds {@code limitPercent}, compared exactly (not after rounding the error). */
    public boolean deviatesMoreThan(BigDecimal limitPercent) {
        return getDeliveredUg().subtract(doseUg).abs().multiply(BigDecimal.valueOf(100))
                .compareTo(limitPercent.multiply(doseUg)) > 0;
    }

    /** "1.40 mL = 700 µg ÷ 500 µg/mL rounded half-up to the 0.01 mL graduation (error 0.00%)". */
    public String describe() {
        return roundedMl.toPlainString() + " mL = " + doseUg.toPlainString() + " µg ÷ "
                + concentrationUgPerMl.stripTrailingZeros().toPlainString() + " µg/mL, rounded "
                + DosingProtocol.modeText(mode) + " to the " + graduationMl.stripTrailingZeros().toPlainString()
                + " mL graduation (delivers " + getDeliveredUg().toPlainString() + " µg, rounding error "
                + getErrorPercent().toPlainString() + "%)";
    }
}
