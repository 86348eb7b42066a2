/**
 * Scenario files written by informaticians, read and run against a rule set: eligibility scenarios
 * ({@link org.il7cds.engine.scenarios.EligibilityScenarios}) and dosing calendar scenarios
 * ({@link org.il7cds.engine.scenarios.DosingScenarios}), which share the candidate base files. Validation and
 * activation run both (EligibilityScenariosTest, DosingScenariosTest, RuleCatalogueTest).
 */
package org.il7cds.engine.scenarios;
