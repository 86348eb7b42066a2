package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.Map;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;

/**
 * One eligibility scenario file: a request as the API takes it and what the rules must answer. Only what the file
 * states is checked: the verdict, and the status, deciding rule or "settle by" text of the criteria it lists; or,
 * instead, the refusal.
 *
 * @param today the day the assessment is run on (sample dates after it are refused); defaults to asOf
 * @param expectedSettleBy text each listed criterion's "what would settle it" must contain
 * @param expectedError when not null the scenario expects the request to be refused (invalid-input)
 * @param fields the request's names of the engine's fields, for refusals
 */
public record EligibilityScenario(String file, String name, String protocolId, LocalDate asOf, LocalDate today,
        Candidate candidate, Verdict expectedVerdict, Map<String, Status> expectedStatuses,
        Map<String, String> expectedRules, Map<String, String> expectedSettleBy, ExpectedError expectedError,
        RequestFields fields) {

    /** Whether the scenario expects a refusal rather than a verdict (its candidate is not one to assess). */
    public boolean expectsRefusal() {
        return expectedError != null;
    }
}
