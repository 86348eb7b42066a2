package org.il7cds.engine.course;

import java.time.LocalDate;
import java.util.List;

/**
 * The monitoring answer: every HIV-1 RNA result classified (with the rule that classified it and its source), the
 * actions due (each with its window, the rule that decided it and its source), and the monitoring visits from the
 * as-of date on, the protocol's scheduled visits and those the actions add.
 *
 * @param stopIl7 true when an action says to stop IL-7 (no further dose of the course may be given)
 */
public record MonitoringAnswer(String candidateId, String protocolId, String rulesVersion, String rulesHash,
        LocalDate asOf, LocalDate firstDoseDate, LocalDate lastDoseDate, List<Result> results, List<Action> actions,
        List<Visit> visits, boolean stopIl7, List<String> notes) {

    public MonitoringAnswer {
        results = List.copyOf(results);
        actions = List.copyOf(actions);
        visits = List.copyOf(visits);
        notes = List.copyOf(notes);
    }

    /** One HIV-1 RNA result and its class (BASELINE, SUPPRESSED, BLIP, ..., VIROLOGICAL_FAILURE, UNCLASSIFIED). */
    public record Result(LocalDate sampleDate, String observed, boolean onTreatment, String classification,
            String explanation, String rule, String source) {
    }

    /**
     * An action due (REPEAT_HIV_RNA, STOP_IL7, REFER_HIV_SPECIALIST, REVIEW_ART).
     *
     * @param dueFrom the first day it may be done (null: at once)
     * @param dueBy the last day it is due; before the as-of date means overdue
     * @param basedOn the sample date of the result that made it due
     */
    public record Action(String action, LocalDate dueFrom, LocalDate dueBy, boolean overdue, LocalDate basedOn,
            String reason, String rule, String source) {
    }

    /**
     * A monitoring visit on or after the as-of date: a visit of the protocol's schedule (SCHEDULED) or one an action
     * adds (ACTION); a scheduled visit inside an action's window carries that action ({@code actions}).
     */
    public record Visit(LocalDate date, String label, String kind, List<String> labs, List<String> actions,
            String source) {

        public Visit {
            labs = List.copyOf(labs);
            actions = List.copyOf(actions);
        }
    }
}
