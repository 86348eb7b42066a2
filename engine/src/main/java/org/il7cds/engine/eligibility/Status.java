package org.il7cds.engine.eligibility;

/** A criterion's outcome. For an exclusion criterion MET means "the candidate is not excluded". */
public enum Status {
    MET, NOT_MET, UNKNOWN
}
