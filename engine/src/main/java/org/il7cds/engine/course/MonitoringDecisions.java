package org.il7cds.engine.course;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.eligibility.Measurement;
import org.il7cds.engine.rules.DecidingRule;

/**
 * The DRL global through which monitoring rules record what they decide: the class of each HIV-1 RNA result
 * ({@code monitoring.classify($m, "BLIP", "...")}) and each action due, with its window
 * ({@code monitoring.action($m, "REPEAT_HIV_RNA", from, by, "...")}). The deciding rule's name and its {@code @source}
 * (told by the session's {@link DecidingRule} listener) are kept with each, so every line of the answer names the
 * rule and the clause behind it.
 */
public final class MonitoringDecisions {

    /** One rule's classification of one result. */
    record Classification(Measurement result, String classification, String explanation, String rule, String source) {
    }

    /** One rule's action, due from {@code dueFrom} and at the latest on {@code dueBy}. */
    record Action(Measurement basedOn, String action, LocalDate dueFrom, LocalDate dueBy, String reason, String rule,
            String source) {
    }

    private final DecidingRule deciding;
    private final List<Classification> classifications = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();

    MonitoringDecisions(DecidingRule deciding) {
        this.deciding = deciding;
    }

    public void classify(Measurement result, String classification, String explanation) {
        classifications.add(new Classification(result, classification, explanation, deciding.name(),
                deciding.source()));
    }

    /**
     * @param dueFrom the first day the action may be done (null: at once)
     * @param dueBy the day it is due at the latest
     */
    public void action(Measurement basedOn, String action, LocalDate dueFrom, LocalDate dueBy, String reason) {
        actions.add(new Action(basedOn, action, dueFrom, dueBy, reason, deciding.name(), deciding.source()));
    }

    List<Classification> classifications() {
        return classifications;
    }

    List<Action> actions() {
        return actions;
    }
}
