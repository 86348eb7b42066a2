/** Scenario files written by informaticians, read and run against a rule set (EligibilityScenariosTest). */
package org.il7cds.engine.scenarios;
