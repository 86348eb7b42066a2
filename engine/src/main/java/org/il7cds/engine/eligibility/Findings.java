package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.rules.DecidingRule;

/**
 * The DRL global through which rules record how they decided a criterion: {@code findings.met($c, $lab)} in a
 * hand-written rule ({@code $c} the {@link Criterion} it matched), {@code findings.met("cd4-count", $l)} in the rules
 * the engine generates. Which rule decided, and its {@code @source}, come from the session's {@link DecidingRule}
 * listener, so every verdict line names the rule and the clause behind it.
 */
public final class Findings {

    /** One rule's decision about one criterion. */
    record Finding(String criterionId, Status status, String observed, LocalDate observedOn, String rule,
            String source, String settleBy, LocalDate notBefore) {
    }

    private final DecidingRule deciding;
    private final List<Finding> findings = new ArrayList<>();

    Findings(DecidingRule deciding) {
        this.deciding = deciding;
    }

    public void met(Criterion criterion, Object observed) {
        add(criterion.getId(), Status.MET, observed, null);
    }

    public void notMet(Criterion criterion, Object observed) {
        add(criterion.getId(), Status.NOT_MET, observed, null);
    }

    /**
     * Not met now, but it could be from {@code notBefore} on, all else equal (an interval since the last dose, a limit
     * of cycles in a period): the re-treatment answer gives that date as the earliest a new cycle could be indicated.
     */
    public void notMetUntil(Criterion criterion, Object observed, LocalDate notBefore) {
        add(criterion.getId(), Status.NOT_MET, observed, "on or after " + notBefore, notBefore);
    }

    /**
     * @param settleBy the datum that would settle the criterion ("an HIV-1 RNA result drawn on or after ...")
     */
    public void unknown(Criterion criterion, Object observed, String settleBy) {
        add(criterion.getId(), Status.UNKNOWN, observed, settleBy);
    }

    /** As {@link #met(Criterion, Object)}, by criterion id (the generated lab rules, which match no criterion). */
    public void met(String criterionId, Object observed) {
        add(criterionId, Status.MET, observed, null);
    }

    public void notMet(String criterionId, Object observed) {
        add(criterionId, Status.NOT_MET, observed, null);
    }

    public void unknown(String criterionId, Object observed, String settleBy) {
        add(criterionId, Status.UNKNOWN, observed, settleBy);
    }

    private void add(String criterionId, Status status, Object observed, String settleBy) {
        add(criterionId, status, observed, settleBy, null);
    }

    private void add(String criterionId, Status status, Object observed, String settleBy, LocalDate notBefore) {
        String text;
        LocalDate on = null;
        if (observed instanceof Lab lab) {
            text = lab.getDisplay();
            on = lab.getSampleDate();
        } else if (observed instanceof Measurement m) {
            text = m.getDisplay();
            on = m.getSampleDate();
        } else {
            text = observed == null ? null : String.valueOf(observed);
        }
        findings.add(new Finding(criterionId, status, text, on, deciding.name(), deciding.source(), settleBy,
                notBefore));
    }

    /** The findings of the request just fired, and a clean slate for the next one. */
    List<Finding> takeAll() {
        List<Finding> all = List.copyOf(findings);
        findings.clear();
        return all;
    }
}
