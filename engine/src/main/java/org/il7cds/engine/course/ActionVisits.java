package org.il7cds.engine.course;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each monitoring action due is done, for the monitoring answer's visits and a new cycle's calendar alike: a
 * repeat HIV-1 RNA at the first scheduled visit that measures HIV-1 RNA inside its window, or else at a visit of its
 * own on the first day of the window (the as-of date if that is later, or if the action is overdue); every other
 * action at a visit of its own on the day it is due (the as-of date when overdue). It places; it decides nothing: the
 * actions and their windows are the monitoring rules'.
 */
final class ActionVisits {

    /** A scheduled visit, on or after the as-of date: its date and whether it measures HIV-1 RNA. */
    record Slot(LocalDate date, boolean measuresHivRna) {
    }

    /** An action placed at scheduled visit {@code slot}, or (slot -1) at a visit of its own on {@code date}. */
    record Placed(MonitoringAnswer.Action action, int slot, LocalDate date) {
    }

    static final String REPEAT_HIV_RNA = "REPEAT_HIV_RNA";

    private ActionVisits() {
    }

    static List<Placed> place(List<Slot> slots, List<MonitoringAnswer.Action> actions, LocalDate asOf) {
        List<Placed> out = new ArrayList<>(actions.size());
        for (MonitoringAnswer.Action a : actions) {
            LocalDate from = a.dueFrom() == null || a.dueFrom().isBefore(asOf) ? asOf : a.dueFrom();
            boolean overdue = a.dueBy().isBefore(asOf);
            if (a.action().equals(REPEAT_HIV_RNA)) {
                int at = -1;
                for (int i = 0; i < slots.size() && at < 0; i++) {
                    Slot s = slots.get(i);
                    if (s.measuresHivRna() && !s.date().isBefore(from) && !s.date().isAfter(a.dueBy())) {
                        at = i;
                    }
                }
                out.add(new Placed(a, at, at >= 0 ? slots.get(at).date() : overdue ? asOf : from));
            } else {
                out.add(new Placed(a, -1, overdue ? asOf : a.dueBy()));
            }
        }
        return out;
    }

    /** "REPEAT_HIV_RNA (due by 2027-03-01)". */
    static String what(MonitoringAnswer.Action a) {
        return a.action() + " (due by " + a.dueBy() + ")";
    }

    /** The label of a visit of its own for this action. */
    static String label(String action) {
        return switch (action) {
            case REPEAT_HIV_RNA -> "Repeat HIV-1 RNA";
            case "STOP_IL7" -> "Stop IL-7";
            case "REFER_HIV_SPECIALIST" -> "Referral to the HIV specialist";
            case "REVIEW_ART" -> "Review of the antiretroviral therapy";
            default -> action;
        };
    }
}
