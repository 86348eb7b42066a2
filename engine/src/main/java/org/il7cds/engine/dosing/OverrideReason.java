package org.il7cds.engine.dosing;

/** Coded reasons for dosing a candidate whom the rules did not find ELIGIBLE. */
public enum OverrideReason {
    /** A datum the engine lacked was confirmed by the investigator (e.g. a lab in the paper chart). */
    DATA_CONFIRMED_BY_INVESTIGATOR,
    /** The sponsor or ethics committee approved a protocol deviation for this candidate. */
    PROTOCOL_DEVIATION_APPROVED,
    /** Compassionate or named-patient use outside the trial's criteria. */
    COMPASSIONATE_USE
}
