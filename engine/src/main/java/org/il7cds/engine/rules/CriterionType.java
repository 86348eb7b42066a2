package org.il7cds.engine.rules;

/**
 * Whether a criterion must hold (inclusion) or must not (exclusion; MET then means "not excluded") for a first
 * course, or must hold for a new cycle of a protocol that repeats cycles (retreatment: assessed only when a
 * re-treatment decision is asked for, never in an eligibility verdict).
 */
public enum CriterionType {
    INCLUSION, EXCLUSION, RETREATMENT
}
