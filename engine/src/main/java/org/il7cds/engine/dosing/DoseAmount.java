package org.il7cds.engine.dosing;

import java.math.BigDecimal;

/** The dose per injection a rule decided, inserted so that volume rules can follow from it. */
public final class DoseAmount {

    private final BigDecimal doseUg;

    DoseAmount(BigDecimal doseUg) {
        this.doseUg = doseUg;
    }

    public static DoseAmount of(BigDecimal doseUg) {
        return new DoseAmount(doseUg);
    }

    public BigDecimal getDoseUg() {
        return doseUg;
    }
}
