package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import java.util.List;

/**
 * An eligibility verdict with its explanation, criterion by criterion, and the rules that produced it.
 *
 * @param notes facts about the input that did not decide anything but the reader should know (for example
 *     results dated after the as-of date, which were not used)
 */
public record Assessment(String candidateId, String protocolId, String rulesVersion, String rulesHash, LocalDate asOf,
        Verdict verdict, List<CriterionResult> criteria, List<String> notes) {

    public Assessment {
        criteria = List.copyOf(criteria);
        notes = List.copyOf(notes);
    }
}
