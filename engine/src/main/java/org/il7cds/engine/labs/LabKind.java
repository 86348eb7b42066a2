package org.il7cds.engine.labs;

/**
 * The laboratory analytes a candidate snapshot may carry, each with the canonical unit every result is
 * normalised to before a rule compares it (see {@link LabUnits}).
 */
public enum LabKind {
    CD4_COUNT("CD4+ count", "cells/uL", "24467-3"),
    CD4_PERCENT("CD4+ percentage", "%", "8123-2"),
    HIV_RNA("HIV-1 RNA", "copies/mL", "20447-9"),
    NEUTROPHILS("absolute neutrophil count", "cells/uL", "751-8"),
    HAEMOGLOBIN("haemoglobin", "g/dL", "718-7"),
    PLATELETS("platelet count", "10*9/L", "777-3"),
    /** Creatinine is compared as a multiple of the reporting laboratory's upper limit of normal. */
    CREATININE("creatinine", "x ULN", "2160-0");

    private final String label;
    private final String canonicalUnit;
    private final String loinc;

    LabKind(String label, String canonicalUnit, String loinc) {
        this.label = label;
        this.canonicalUnit = canonicalUnit;
        this.loinc = loinc;
    }

    /** A plain-language name, used in explanations ("a CD4+ count drawn on or after ..."). */
    public String label() {
        return label;
    }

    /** The unit every value of this kind is converted to before comparison. */
    public String canonicalUnit() {
        return canonicalUnit;
    }

    /** The LOINC code usually carried by this result (informative; not used for decisions). */
    public String loinc() {
        return loinc;
    }
}
