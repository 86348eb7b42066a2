package org.il7cds.engine.eligibility;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.rules.RuleSet;

/**
 * One candidate assessed against several protocols at once: every protocol of the active rules, or a chosen list. Says
 * for which the candidate is eligible and, for each of the others, why not (its assessment's criteria not MET).
 *
 * @param eligibleFor the protocols whose verdict is ELIGIBLE, in the order assessed
 * @param assessments one assessment per protocol, in the order asked (or the rules' order)
 */
public record ProtocolComparison(String candidateId, LocalDate asOf, String rulesVersion, String rulesHash,
        List<String> eligibleFor, List<Assessment> assessments) {

    /** The most protocols one comparison may name. */
    public static final int MAX_PROTOCOLS = 50;

    public ProtocolComparison {
        eligibleFor = List.copyOf(eligibleFor);
        assessments = List.copyOf(assessments);
    }

    /**
     * @param protocolIds the protocols to assess; null or empty means every protocol of {@code ruleSet}
     * @throws UnknownProtocolException when a named protocol is not in the rules (nothing is assessed then)
     * @throws InvalidInputException for a bad candidate (the same problems for every protocol, reported once)
     */
    public static ProtocolComparison of(EligibilityEngine engine, RuleSet ruleSet, List<String> protocolIds,
            Candidate candidate, LocalDate asOf, Clock clock) {
        List<String> ids = protocolIds == null || protocolIds.isEmpty() ? List.copyOf(ruleSet.protocolIds())
                : List.copyOf(new LinkedHashSet<>(protocolIds));
        if (ids.size() > MAX_PROTOCOLS) {
            throw new InvalidInputException("protocolIds", "names more than " + MAX_PROTOCOLS + " protocols");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                throw new InvalidInputException("protocolIds[" + i + "]", "is empty");
            }
            String id = ids.get(i);
            if (ruleSet.protocol(id).isEmpty()) {
                throw new UnknownProtocolException(id, ruleSet.protocolIds());
            }
        }
        List<Assessment> assessments = new ArrayList<>(ids.size());
        List<String> eligible = new ArrayList<>();
        for (String id : ids) {
            Assessment a = engine.assess(ruleSet, id, candidate, asOf, clock);
            assessments.add(a);
            if (a.verdict() == Verdict.ELIGIBLE) {
                eligible.add(id);
            }
        }
        return new ProtocolComparison(candidate == null ? null : candidate.pseudonymId(),
                assessments.isEmpty() ? asOf : assessments.get(0).asOf(), ruleSet.version(), ruleSet.contentHash(),
                eligible, assessments);
    }
}
