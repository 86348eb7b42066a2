package org.il7cds.engine.eligibility;

/** Kinds of past malignancy that the exclusion criteria tell apart (A5214 allows Kaposi sarcoma and BCC). */
public enum Malignancy {
    KAPOSI_SARCOMA, BASAL_CELL_CARCINOMA, OTHER
}
