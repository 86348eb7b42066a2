package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.il7cds.engine.course.RetreatmentDecision;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.CriterionResult;

/**
 * Compares an assessment with what an eligibility scenario expects: verdict, statuses, deciding rules, "settle by";
 * for a re-treatment scenario the decision the verdict makes and the earliest date.
 */
final class EligibilityComparison {

    private EligibilityComparison() {
    }

    static void compare(EligibilityScenario s, Assessment a, List<String> diff) {
        if (s.retreatment() != null) {
            compareDecision(s, RetreatmentDecision.of(a), diff);
        } else if (s.expectedVerdict() != null && s.expectedVerdict() != a.verdict()) {
            diff.add("verdict: expected " + s.expectedVerdict() + ", got " + a.verdict());
        }
        Map<String, CriterionResult> byId = new LinkedHashMap<>();
        a.criteria().forEach(c -> byId.put(c.criterionId(), c));
        s.expectedStatuses().forEach((id, status) -> {
            CriterionResult c = byId.get(id);
            if (c == null) {
                diff.add(id + ": no such criterion in protocol " + a.protocolId());
            } else if (c.status() != status) {
                diff.add(id + ": expected " + status + ", got " + c.status() + " (rule '" + c.rule() + "', observed "
                        + c.observed() + ")");
            }
        });
        s.expectedRules().forEach((id, rule) -> {
            CriterionResult c = byId.get(id);
            if (c != null && !Objects.equals(rule, c.rule())) {
                diff.add(id + ": expected rule '" + rule + "', got '" + c.rule() + "'");
            }
        });
        s.expectedSettleBy().forEach((id, text) -> {
            CriterionResult c = byId.get(id);
            if (c != null && (c.settleBy() == null || !c.settleBy().contains(text))) {
                diff.add(id + ": expected 'settle by' to contain '" + text + "', got '" + c.settleBy() + "'");
            }
        });
    }

    private static void compareDecision(EligibilityScenario s, RetreatmentDecision d, List<String> diff) {
        if (s.expectedVerdict() != null && s.expectedVerdict() != d.assessment().verdict()) {
            RetreatmentDecision.Decision expected = switch (s.expectedVerdict()) {
                case ELIGIBLE -> RetreatmentDecision.Decision.INDICATED;
                case NOT_ELIGIBLE -> RetreatmentDecision.Decision.NOT_INDICATED;
                case INCOMPLETE -> RetreatmentDecision.Decision.UNDETERMINED;
            };
            diff.add("decision: expected " + expected + ", got " + d.decision());
        }
        LocalDate earliest = s.retreatment().expectedEarliestDate();
        if (earliest != null && !earliest.equals(d.earliestDate())) {
            diff.add("earliestDate: expected " + earliest + ", got " + d.earliestDate());
        }
    }
}
