/**
 * Eligibility: the candidate snapshot ({@link org.il7cds.engine.eligibility.Candidate}), the facts the DRL rules
 * match (Criterion, Lab, Person, Art, History, AsOf), the {@code findings} global through which rules decide, and
 * the facade {@link org.il7cds.engine.eligibility.EligibilityEngine}. Guarded by the scenario files in rules/,
 * ThresholdBoundaryTest, CandidateValidationTest and RuleCatalogueTest.
 */
package org.il7cds.engine.eligibility;
