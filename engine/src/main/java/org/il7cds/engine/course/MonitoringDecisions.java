package org.il7cds.engine.course;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.eligibility.Measurement;
import org.kie.api.definition.rule.Rule;

/**
 * The DRL global through which monitoring rules record what they decide: the class of each HIV-1 RNA result
 * ({@code monitoring.classify(drools.getRule(), $m, "BLIP", "...")}) and each action due, with its window
 * ({@code monitoring.action(drools.getRule(), $m, "REPEAT_HIV_RNA", from, by, "...")}). The rule's name and its
 * {@code @source} are kept with each, so every line of the answer names the rule and the clause behind it.
 */
public final class MonitoringDecisions {

    /** One rule's classification of one result. */
    record Classification(Measurement result, String classification, String explanation, String rule, String source) {
    }

    /** One rule's action, due from {@code dueFrom} and at the latest on {@code dueBy}. */
    record Action(Measurement basedOn, String action, LocalDate dueFrom, LocalDate dueBy, String reason, String rule,
            String source) {
    }

    private final List<Classification> classifications = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();

    public void classify(Rule rule, Measurement result, String classification, String explanation) {
        classifications.add(new Classification(result, classification, explanation, rule.getName(), source(rule)));
    }

    /**
     * @param dueFrom the first day the action may be done (null: at once)
     * @param dueBy the day it is due at the latest
     */
    public void action(Rule rule, Measurement basedOn, String action, LocalDate dueFrom, LocalDate dueBy,
            String reason) {
        actions.add(new Action(basedOn, action, dueFrom, dueBy, reason, rule.getName(), source(rule)));
    }

    private static String source(Rule rule) {
        Object s = rule.getMetaData().get("source");
        if (s == null) {
            return null;
        }
        String text = String.valueOf(s);
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    List<Classification> classifications() {
        return classifications;
    }

    List<Action> actions() {
        return actions;
    }
}
