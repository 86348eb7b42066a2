package org.il7cds.engine.rules;

/** Whether a criterion must hold (inclusion) or must not (exclusion; MET then means "not excluded"). */
public enum CriterionType {
    INCLUSION, EXCLUSION
}
