package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import org.il7cds.engine.rules.CriterionType;

/**
 * How one criterion was decided, for the person reading the verdict.
 *
 * @param observed what the rule saw ("350 cells/uL"), or null when nothing was available
 * @param observedOn the sample or record date of what was observed, when it has one
 * @param threshold the criterion's threshold as the protocol file states it ("≥ 100 and ≤ 400")
 * @param rule the name of the DRL rule that decided the criterion
 * @param source the protocol clause or publication the rule cites
 * @param assumption true when the criterion or one of its parameters is not confirmed by the protocol paper
 * @param settleBy for UNKNOWN: the datum that would settle it; null otherwise
 * @param notBefore for NOT_MET only until a date (a re-treatment interval, a cycle limit): the earliest date it could
 *     be met; null otherwise
 */
public record CriterionResult(String criterionId, String title, CriterionType type, Status status, String observed,
        LocalDate observedOn, String threshold, String unit, String rule, String source, boolean assumption,
        String settleBy, LocalDate notBefore) {
}
