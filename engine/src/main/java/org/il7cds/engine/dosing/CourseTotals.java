package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the whole course needs: the drug ordered and delivered over every dose, the volume drawn, and the vials
 * when the vial size is known.
 *
 * @param doses the number of doses
 * @param orderedUg the sum of the ordered doses
 * @param deliveredUg the sum of the doses delivered after volume rounding; null without a concentration
 * @param volumeMl the sum of the volumes drawn; null without a concentration
 * @param vialSizeUg the drug content of one vial; null when not given
 * @param vials the vials to dispense for the course ({@link #VIAL_RULE}); null without a vial size
 */
public record CourseTotals(int doses, BigDecimal orderedUg, BigDecimal deliveredUg, BigDecimal volumeMl,
        BigDecimal vialSizeUg, Integer vials) {

    /** How vials are counted; an assumption, stated in the calendar's notes. */
    public static final String VIAL_RULE = "each dose is drawn from vials opened for it: the vials of a dose are its"
            + " amount (delivered, or ordered without a concentration) divided by the vial content, rounded up, and"
            + " the course needs the sum over its doses (assumption: single-use vials, a remainder is discarded and"
            + " never kept for a later dose; no overfill or dead volume is counted)";

    static CourseTotals of(List<ScheduledDose> doses, BigDecimal vialSizeUg) {
        BigDecimal ordered = BigDecimal.ZERO;
        BigDecimal delivered = BigDecimal.ZERO;
        BigDecimal volume = BigDecimal.ZERO;
        boolean volumesKnown = !doses.isEmpty();
        int vials = 0;
        for (ScheduledDose d : doses) {
            ordered = ordered.add(d.doseUg());
            if (d.deliveredUg() == null) {
                volumesKnown = false;
            } else {
                delivered = delivered.add(d.deliveredUg());
                volume = volume.add(d.volumeMl());
            }
            if (vialSizeUg != null) {
                BigDecimal amount = d.deliveredUg() == null ? d.doseUg() : d.deliveredUg();
                vials += amount.divide(vialSizeUg, 0, RoundingMode.CEILING).intValueExact();
            }
        }
        return new CourseTotals(doses.size(), ordered, volumesKnown ? delivered : null, volumesKnown ? volume : null,
                vialSizeUg, vialSizeUg == null ? null : vials);
    }
}
