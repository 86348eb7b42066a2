/**
 * Scenario files written by informaticians, in the API's request shapes, read and run against a rule set:
 * eligibility and re-treatment scenarios ({@link org.il7cds.engine.scenarios.EligibilityScenarios}), dosing calendar
 * scenarios ({@link org.il7cds.engine.scenarios.DosingScenarios}) and monitoring scenarios
 * ({@link org.il7cds.engine.scenarios.MonitoringScenarios}). Each class has one job: finding and running
 * ({@code *Scenarios}), reading ({@code *ScenarioReader}, with {@code ScenarioFiles}, {@code CandidateReader} and
 * {@code ScenarioValues}) and comparing ({@code *Comparison}). Every file is checked against its schema in
 * rules/schema when it is read. Validation and activation run every kind.
 */
package org.il7cds.engine.scenarios;
