package org.il7cds.engine.course;

import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.PreviousCycle;

/**
 * Is a new cycle indicated now? The candidate (with the history of results), the cycles already given and the date.
 *
 * @param previousCycles null when the course history is not known (never read as "no previous cycle")
 * @param asOf null means today
 */
public record RetreatmentRequest(String protocolId, Candidate candidate, List<PreviousCycle> previousCycles,
        LocalDate asOf) {

    public RetreatmentRequest {
        previousCycles = previousCycles == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(previousCycles));
    }
}
