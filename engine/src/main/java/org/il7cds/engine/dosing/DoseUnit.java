package org.il7cds.engine.dosing;

/** The unit of a draft order's dose quantity: an absolute dose (µg, mg) or a dose per body weight (µg/kg). */
public enum DoseUnit {
    /** Micrograms per injection (UCUM {@code ug}). */
    UG,
    /** Milligrams per injection (UCUM {@code mg}): 1 mg = 1000 µg exactly. */
    MG,
    /** Micrograms per kilogram of body weight per injection (UCUM {@code ug/kg}). */
    UG_PER_KG
}
