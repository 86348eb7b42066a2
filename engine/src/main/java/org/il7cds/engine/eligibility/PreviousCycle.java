package org.il7cds.engine.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One cycle (course) of rhIL-7 the candidate already received, as the clinic records it: the protocol it followed,
 * its dose level and the dates the doses were given. Checked by {@link Cycles#of}, not here, so that every problem of
 * a course history is reported at once.
 *
 * @param protocolId the protocol the cycle followed (informative; every IL-7 cycle counts towards the limits)
 * @param doseLevelUgPerKg the dose level given, in µg/kg (informative)
 * @param doseDates the dates the doses were given, at least one, none after today
 */
public record PreviousCycle(String protocolId, BigDecimal doseLevelUgPerKg, List<LocalDate> doseDates) {

    public PreviousCycle {
        doseDates = doseDates == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(doseDates));
    }
}
