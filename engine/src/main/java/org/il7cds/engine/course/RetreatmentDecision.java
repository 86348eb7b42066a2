package org.il7cds.engine.course;

import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;

/**
 * Whether a new cycle is indicated now, criterion by criterion (the protocol's retreatment criteria), and when it is
 * not: the earliest date it could be, when only dates stand in the way, or else what would settle it.
 *
 * @param assessment the retreatment criteria as decided (ELIGIBLE: indicated)
 * @param earliestDate for NOT_INDICATED only: the earliest date a new cycle could be indicated, all else equal (the
 *     latest of the dates the criteria not met name); null when a criterion not met names no date (CD4 at or above the
 *     threshold: a new result decides) or when the decision is UNDETERMINED
 * @param settleBy what would settle the criteria that are UNKNOWN or NOT_MET without a date
 */
public record RetreatmentDecision(Decision decision, LocalDate earliestDate, List<String> settleBy,
        Assessment assessment) {

    /** INDICATED, NOT_INDICATED, or UNDETERMINED (data missing, stale or ambiguous: never indicated then). */
    public enum Decision {
        INDICATED, NOT_INDICATED, UNDETERMINED
    }

    public RetreatmentDecision {
        settleBy = List.copyOf(settleBy);
    }

    /** The decision the retreatment criteria of {@code a} make. */
    public static RetreatmentDecision of(Assessment a) {
        Decision d = switch (a.verdict()) {
            case ELIGIBLE -> Decision.INDICATED;
            case NOT_ELIGIBLE -> Decision.NOT_INDICATED;
            case INCOMPLETE -> Decision.UNDETERMINED;
        };
        LocalDate earliest = null;
        boolean datesOnly = a.verdict() == Verdict.NOT_ELIGIBLE;
        List<String> settle = new java.util.ArrayList<>();
        for (CriterionResult c : a.criteria()) {
            if (c.status() == Status.NOT_MET) {
                if (c.notBefore() == null) {
                    datesOnly = false;
                    settle.add(c.criterionId() + ": " + (c.settleBy() != null ? c.settleBy()
                            : "not met (" + c.observed() + "); no date alone settles it"));
                } else if (earliest == null || c.notBefore().isAfter(earliest)) {
                    earliest = c.notBefore();
                }
            } else if (c.status() == Status.UNKNOWN && c.settleBy() != null) {
                settle.add(c.criterionId() + ": " + c.settleBy());
            }
        }
        return new RetreatmentDecision(d, datesOnly ? earliest : null, settle, a);
    }
}
