package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.definition.rule.Rule;

/**
 * The DRL global through which rules record how they decided a criterion:
 * {@code findings.met(drools.getRule(), $c, $lab)}. The rule's name and its {@code @source} metadata are
 * captured with the finding, so every verdict line names the rule and the clause behind it.
 */
public final class Findings {

    /** One rule's decision about one criterion. */
    record Finding(String criterionId, Status status, String observed, LocalDate observedOn, String rule,
            String source, String settleBy, LocalDate notBefore) {
    }

    private final List<Finding> findings = new ArrayList<>();

    public void met(Rule rule, Criterion criterion, Object observed) {
        add(rule, criterion, Status.MET, observed, null);
    }

    public void notMet(Rule rule, Criterion criterion, Object observed) {
        add(rule, criterion, Status.NOT_MET, observed, null);
    }

    /**
     * Not met now, but it could be from {@code notBefore} on, all else equal (an interval since the last dose, a limit
     * of cycles in a period): the re-treatment answer gives that date as the earliest a new cycle could be indicated.
     */
    public void notMetUntil(Rule rule, Criterion criterion, Object observed, LocalDate notBefore) {
        add(rule, criterion, Status.NOT_MET, observed, "on or after " + notBefore, notBefore);
    }

    /**
     * @param settleBy the datum that would settle the criterion ("an HIV-1 RNA result drawn on or after ...")
     */
    public void unknown(Rule rule, Criterion criterion, Object observed, String settleBy) {
        add(rule, criterion, Status.UNKNOWN, observed, settleBy);
    }

    private void add(Rule rule, Criterion criterion, Status status, Object observed, String settleBy) {
        add(rule, criterion, status, observed, settleBy, null);
    }

    private void add(Rule rule, Criterion criterion, Status status, Object observed, String settleBy,
            LocalDate notBefore) {
        Object source = rule.getMetaData().get("source");
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
        findings.add(new Finding(criterion.getId(), status, text, on, rule.getName(),
                source == null ? null : unquote(String.valueOf(source)), settleBy, notBefore));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    List<Finding> all() {
        return findings;
    }
}
