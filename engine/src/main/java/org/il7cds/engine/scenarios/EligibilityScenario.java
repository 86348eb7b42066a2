package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.PreviousCycle;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;

/**
 * One eligibility scenario file: a candidate, an as-of date and what the rules must answer. Only what the
 * file states is checked: the verdict, and the status, deciding rule or "settle by" text of the criteria it
 * lists; or, instead, the input fields the engine must refuse.
 *
 * @param today the day the assessment is run on (sample dates after it are refused); defaults to asOf
 * @param expectedSettleBy text each listed criterion's "what would settle it" must contain
 * @param expectedErrorFields when non-empty the scenario expects the input to be refused on these fields
 * @param retreatment true for a re-treatment scenario ({@code scenarios/retreatment/}): the protocol's retreatment
 *     criteria are assessed with {@code previousCycles}; its verdict ELIGIBLE is written {@code decision: INDICATED}
 * @param previousCycles the course history of a re-treatment scenario; null when the file gives none (unknown)
 * @param expectedEarliestDate for a re-treatment scenario: the earliest date a new cycle could be indicated
 */
public record EligibilityScenario(String file, String name, String protocolId, LocalDate asOf, LocalDate today,
        Candidate candidate, Verdict expectedVerdict, Map<String, Status> expectedStatuses,
        Map<String, String> expectedRules, Map<String, String> expectedSettleBy, List<String> expectedErrorFields,
        boolean retreatment, List<PreviousCycle> previousCycles, LocalDate expectedEarliestDate) {

    /** An eligibility (first course) scenario. */
    public EligibilityScenario(String file, String name, String protocolId, LocalDate asOf, LocalDate today,
            Candidate candidate, Verdict expectedVerdict, Map<String, Status> expectedStatuses,
            Map<String, String> expectedRules, Map<String, String> expectedSettleBy, List<String> expectedErrorFields) {
        this(file, name, protocolId, asOf, today, candidate, expectedVerdict, expectedStatuses, expectedRules,
                expectedSettleBy, expectedErrorFields, false, null, null);
    }
}
