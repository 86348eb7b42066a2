package org.il7cds.engine.authoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.RuleSet;

/**
 * Runs a candidate rules version side by side with the active one on a set of candidate snapshots and reports,
 * per candidate, which verdicts and criteria would change and why (status, deciding rule, threshold).
 */
public final class ImpactPreview {

    /** One criterion whose outcome differs between the two versions. */
    public record CriterionChange(String criterionId, Status before, Status after, String ruleBefore, String ruleAfter,
            String thresholdBefore, String thresholdAfter) {
    }

    /** One candidate: verdicts before and after, and the criteria that change. {@code error} when it cannot run. */
    public record CandidateImpact(String candidateId, Verdict before, Verdict after, List<CriterionChange> changes,
            String error) {

        public boolean verdictChanges() {
            return before != after;
        }
    }

    /** The whole preview. */
    public record Report(String activeVersion, String activeHash, String candidateVersion, String candidateHash,
            List<CandidateImpact> candidates) {

        public List<CandidateImpact> verdictChanges() {
            return candidates.stream().filter(CandidateImpact::verdictChanges).toList();
        }
    }

    private ImpactPreview() {
    }

    public static Report compare(RuleSet active, RuleSet candidate, String protocolId, List<Candidate> snapshots,
            LocalDate asOf, Clock clock) {
        EligibilityEngine engine = new EligibilityEngine(() -> active, clock);
        List<CandidateImpact> impacts = new ArrayList<>();
        for (Candidate c : snapshots) {
            try {
                Assessment before = engine.assess(active, protocolId, c, asOf);
                Assessment after = engine.assess(candidate, protocolId, c, asOf);
                impacts.add(new CandidateImpact(c.pseudonymId(), before.verdict(), after.verdict(),
                        changes(before, after), null));
            } catch (InvalidInputException | RulesExecutionException e) {
                impacts.add(new CandidateImpact(c.pseudonymId(), null, null, List.of(), e.getMessage()));
            }
        }
        return new Report(active.version(), active.contentHash(), candidate.version(), candidate.contentHash(), impacts);
    }

    private static List<CriterionChange> changes(Assessment before, Assessment after) {
        List<CriterionChange> out = new ArrayList<>();
        for (CriterionResult b : before.criteria()) {
            CriterionResult a = after.criteria().stream().filter(x -> x.criterionId().equals(b.criterionId()))
                    .findFirst().orElse(null);
            if (a == null) {
                out.add(new CriterionChange(b.criterionId(), b.status(), null, b.rule(), null, b.threshold(), null));
            } else if (a.status() != b.status() || !Objects.equals(a.rule(), b.rule())
                    || !Objects.equals(a.threshold(), b.threshold())) {
                out.add(new CriterionChange(b.criterionId(), b.status(), a.status(), b.rule(), a.rule(), b.threshold(),
                        a.threshold()));
            }
        }
        after.criteria().stream()
                .filter(a -> before.criteria().stream().noneMatch(b -> b.criterionId().equals(a.criterionId())))
                .forEach(a -> out.add(new CriterionChange(a.criterionId(), null, a.status(), null, a.rule(), null,
                        a.threshold())));
        return out;
    }
}
