package org.il7cds.engine.dosing;

import java.time.LocalDate;
import java.util.List;

/**
 * A monitoring visit (labs such as CD4 and HIV-1 RNA) at one of the protocol's time points, or one a monitoring action
 * due adds (a new cycle's calendar: a repeat HIV-1 RNA after a blip that no visit of the protocol's can take).
 *
 * @param courseDay days from the first injection (negative: before it)
 * @param actions the monitoring actions due at this visit, each with its window and the rule that decided it; empty
 *     on a first course's calendar
 */
public record MonitoringVisit(String id, String label, int courseDay, LocalDate date, List<String> labs,
        boolean assumption, String source, List<Action> actions) {

    /**
     * A monitoring action due at the visit, as the protocol's monitoring rules decided it.
     *
     * @param dueFrom the first day it may be done (null: at once)
     * @param overdue its last day is before the calendar's planning date
     * @param basedOn the sample date of the result that made it due
     */
    public record Action(String action, LocalDate dueFrom, LocalDate dueBy, boolean overdue, LocalDate basedOn,
            String reason, String rule, String source) {
    }

    public MonitoringVisit {
        labs = List.copyOf(labs);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A visit of the protocol's schedule, with no action due. */
    public MonitoringVisit(String id, String label, int courseDay, LocalDate date, List<String> labs,
            boolean assumption, String source) {
        this(id, label, courseDay, date, labs, assumption, source, List.of());
    }
}
