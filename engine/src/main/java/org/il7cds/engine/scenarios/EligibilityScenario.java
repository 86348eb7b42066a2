package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.PreviousCycle;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;

/**
 * One eligibility or re-treatment scenario file: a request as the API takes it and what the rules must answer. Only
 * what the file states is checked: the verdict (a re-treatment file writes it as the decision: INDICATED for
 * ELIGIBLE, NOT_INDICATED, UNDETERMINED), and the status, deciding rule or "settle by" text of the criteria it lists;
 * or, instead, the refusal.
 *
 * @param today the day the assessment is run on (sample dates after it are refused); defaults to asOf
 * @param expectedSettleBy text each listed criterion's "what would settle it" must contain
 * @param expectedError when not null the scenario expects the request to be refused (invalid-input)
 * @param fields the request's names of the engine's fields, for refusals
 * @param retreatment for a re-treatment scenario ({@code scenarios/retreatment/}): its course history and expected
 *     earliest date; null for a first course
 */
public record EligibilityScenario(String file, String name, String protocolId, LocalDate asOf, LocalDate today,
        Candidate candidate, Verdict expectedVerdict, Map<String, Status> expectedStatuses,
        Map<String, String> expectedRules, Map<String, String> expectedSettleBy, ExpectedError expectedError,
        RequestFields fields, Retreatment retreatment) {

    /**
     * What a re-treatment scenario adds (POST /v1/course/retreatment-decisions): the protocol's retreatment criteria
     * are assessed with the course history.
     *
     * @param previousCycles the request's {@code previousCycles}; null when the file gives none (the history is
     *     unknown, never "no previous cycle")
     * @param expectedEarliestDate the earliest date a new cycle could be indicated; null when not checked
     */
    public record Retreatment(List<PreviousCycle> previousCycles, LocalDate expectedEarliestDate) {
    }

    /** Whether the scenario expects a refusal rather than a verdict (its candidate is not one to assess). */
    public boolean expectsRefusal() {
        return expectedError != null;
    }
}
