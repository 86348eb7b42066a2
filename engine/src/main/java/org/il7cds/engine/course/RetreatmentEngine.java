package org.il7cds.engine.course;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.CalendarRequest;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.dosing.MonitoringVisit;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.PreviousCycle;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.RuleSet;

/**
 * Intermittent re-treatment: whether a new cycle is indicated now (the protocol's retreatment criteria, decided by its
 * rules on the history of results and the course history), and the calendar of a new cycle, planned by the same
 * dosing rules as a first course with the re-treatment decision as its gate, its visits carrying the monitoring
 * actions due.
 */
public final class RetreatmentEngine {

    private final Supplier<RuleSet> rules;
    private final EligibilityEngine eligibility;
    private final DosingEngine dosing;
    private final MonitoringEngine monitoring;
    private final Clock clock;

    public RetreatmentEngine(Supplier<RuleSet> rules, EligibilityEngine eligibility, DosingEngine dosing,
            MonitoringEngine monitoring, Clock clock) {
        this.rules = rules;
        this.eligibility = eligibility;
        this.dosing = dosing;
        this.monitoring = monitoring;
        this.clock = clock;
    }

    public RetreatmentDecision decide(RetreatmentRequest request) {
        return decide(rules.get(), request, clock);
    }

    /**
     * @throws InvalidInputException for bad input, or when the protocol defines no repeat cycles
     */
    public RetreatmentDecision decide(RuleSet ruleSet, RetreatmentRequest request, Clock clock) {
        if (request == null) {
            throw new InvalidInputException("request", "is required");
        }
        Assessment a = eligibility.assessRetreatment(ruleSet, request.protocolId(), request.candidate(),
                request.previousCycles(), request.asOf(), clock);
        return RetreatmentDecision.of(a);
    }

    /**
     * The calendar of a new cycle. The re-treatment decision is made as of the first injection date, by the same
     * criteria as {@link #decide}; when the cycle is not indicated (or undetermined) there is no calendar
     * ({@link CycleNotIndicatedException}, with the decision), unless the request carries an authorised override,
     * which the calendar records, exactly as for a first course. The doses and the protocol's visits come from the
     * same dosing rules as a first course.
     *
     * <p>Monitoring: the protocol's monitoring rules classify the candidate's HIV-1 RNA results over the latest previous
     * cycle (its dose dates), as of the planning date, and every action they say is due is put on the calendar's
     * visits ({@link ActionVisits}): at the new cycle's first visit that measures HIV-1 RNA inside the window of a
     * repeat test, else at a visit of its own, each with its window, the deciding rule and its source. Actions that
     * fall due during the new cycle are the monitoring answer's, from the results the cycle brings.
     *
     * @param previousCycles every cycle already given, at least one (a first course has its own calendar, gated by
     *     the entry criteria); none of their doses after the planning date
     * @param firedRules told each dosing rule that fires (the scenario runner); may be null
     * @throws InvalidInputException for bad input, every problem listed (the course history's named
     *     {@code previousCycles[i]...}, the calendar's as for a first course)
     * @throws CycleNotIndicatedException when the new cycle is not indicated and no override allows a calendar
     */
    public DosingCalendar planCycle(RuleSet ruleSet, CalendarRequest calendar, List<PreviousCycle> previousCycles,
            Clock clock, Consumer<String> firedRules) {
        if (calendar == null) {
            throw new InvalidInputException("request", "is required");
        }
        LocalDate planned = calendar.asOf() == null ? LocalDate.now(clock) : calendar.asOf();
        List<FieldProblem> problems = historyProblems(previousCycles, planned);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        DosingCalendar cycle;
        try {
            cycle = dosing.planCycle(ruleSet, calendar, clock, first -> gate(ruleSet, calendar, previousCycles,
                    first, clock), cycleKey(previousCycles), firedRules);
        } catch (CycleNotIndicatedException e) {
            throw e;
        } catch (CalendarRefusedException e) {
            throw new CycleNotIndicatedException(RetreatmentDecision.of(e.assessment()), e.reason());
        }
        LocalDate today = LocalDate.now(clock);
        return withMonitoring(ruleSet, cycle, calendar, latest(previousCycles),
                planned.isAfter(today) ? today : planned, clock);
    }

    /** The course history's problems a re-treatment decision does not check itself: there must be one. */
    private static List<FieldProblem> historyProblems(List<PreviousCycle> cycles, LocalDate planned) {
        List<FieldProblem> problems = new ArrayList<>();
        if (cycles == null) {
            problems.add(new FieldProblem("previousCycles", "is required: every cycle already given, with its dose"
                    + " dates (a new cycle follows at least one)"));
        } else if (cycles.isEmpty()) {
            problems.add(new FieldProblem("previousCycles", "has no cycle: a new cycle follows at least one previous"
                    + " cycle; a first course is planned as a first-course calendar, gated by the entry criteria"));
        } else {
            for (int i = 0; i < cycles.size(); i++) {
                PreviousCycle c = cycles.get(i);
                for (int j = 0; c != null && c.doseDates() != null && j < c.doseDates().size(); j++) {
                    LocalDate d = c.doseDates().get(j);
                    if (d != null && d.isAfter(planned)) {
                        problems.add(new FieldProblem("previousCycles[" + i + "].doseDates[" + j + "]", "is after the"
                                + " planning date " + planned + ": the course history is the one known when the new"
                                + " cycle is planned"));
                    }
                }
            }
        }
        return problems;
    }

    /** The retreatment criteria as of the first injection date; problems named as the calendar request names them. */
    private Assessment gate(RuleSet ruleSet, CalendarRequest calendar, List<PreviousCycle> cycles, LocalDate first,
            Clock clock) {
        try {
            return eligibility.assessRetreatment(ruleSet, calendar.protocolId(), calendar.candidate(), cycles, first,
                    clock);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(p -> "asOf".equals(p.field())
                    ? new FieldProblem("firstInjectionDate", p.message()) : p).toList());
        }
    }

    /** The cycle whose last dose is the latest: the one whose results are monitored before the new cycle. */
    private static PreviousCycle latest(List<PreviousCycle> cycles) {
        return cycles.stream().max(Comparator.comparing((PreviousCycle c) -> c.doseDates().stream()
                .max(Comparator.naturalOrder()).orElseThrow())).orElseThrow();
    }

    /**
     * "2026-06-01,2026-06-08;2026-09-07": the previous cycles' dose dates, for the calendar id (computed before the
     * history is checked, so it reads empty entries as empty).
     */
    private static String cycleKey(List<PreviousCycle> cycles) {
        return cycles.stream().map(c -> c == null || c.doseDates() == null ? "" : c.doseDates().stream()
                .filter(java.util.Objects::nonNull).sorted().map(LocalDate::toString)
                .collect(Collectors.joining(","))).sorted().collect(Collectors.joining(";"));
    }

    /** The calendar with the monitoring actions due on its visits, and a note saying what was monitored. */
    private DosingCalendar withMonitoring(RuleSet ruleSet, DosingCalendar c, CalendarRequest request,
            PreviousCycle latest, LocalDate planned, Clock clock) {
        // planned: the planning date (today if it is later: monitoring looks at results already drawn)
        if (ruleSet.protocolOrDefault(c.protocolId()).definition().monitoring().isEmpty()) {
            return c;
        }
        MonitoringAnswer m = monitoring.assess(ruleSet, new MonitoringRequest(c.protocolId(), request.candidate(),
                latest.doseDates(), planned), clock, null);
        List<ActionVisits.Slot> slots = c.visits().stream().map(v -> new ActionVisits.Slot(v.date(),
                v.labs().contains(LabKind.HIV_RNA.name()))).toList();
        List<List<MonitoringVisit.Action>> at = new ArrayList<>();
        c.visits().forEach(v -> at.add(new ArrayList<>()));
        List<MonitoringVisit> visits = new ArrayList<>();
        LocalDate first = c.doses().get(0).date();
        int own = 0;
        for (ActionVisits.Placed p : ActionVisits.place(slots, m.actions(), planned)) {
            MonitoringAnswer.Action a = p.action();
            MonitoringVisit.Action action = new MonitoringVisit.Action(a.action(), a.dueFrom(), a.dueBy(), a.overdue(),
                    a.basedOn(), a.reason(), a.rule(), a.source());
            if (p.slot() >= 0) {
                at.get(p.slot()).add(action);
            } else {
                boolean repeat = a.action().equals(ActionVisits.REPEAT_HIV_RNA);
                visits.add(new MonitoringVisit(c.calendarId() + "-A" + (++own), ActionVisits.label(a.action()),
                        Math.toIntExact(java.time.temporal.ChronoUnit.DAYS.between(first, p.date())), p.date(),
                        repeat ? List.of(LabKind.HIV_RNA.name()) : List.of(), true, a.source(), List.of(action)));
            }
        }
        for (int i = 0; i < c.visits().size(); i++) {
            MonitoringVisit v = c.visits().get(i);
            visits.add(new MonitoringVisit(v.id(), v.label(), v.courseDay(), v.date(), v.labs(), v.assumption(),
                    v.source(), at.get(i)));
        }
        visits.sort(Comparator.comparing(MonitoringVisit::date));
        List<String> notes = new ArrayList<>(c.notes());
        notes.add("monitoring before this cycle: the HIV-1 RNA results over the previous cycle of "
                + latest.doseDates().stream().min(Comparator.naturalOrder()).orElseThrow() + ", classified by the"
                + " protocol's monitoring rules as of " + planned + ": " + (m.actions().isEmpty()
                        ? "no action due" : m.actions().size() + " action(s) due, on the visits with their rule")
                + (m.stopIl7() ? "; virological failure was confirmed (STOP_IL7): a clinician must confirm that a new"
                        + " cycle may start" : ""));
        return new DosingCalendar(c.calendarId(), c.pseudonymId(), c.asOf(), c.protocolId(), c.rulesVersion(),
                c.rulesHash(), c.eligibility(), c.override(), c.doseLevelUgPerKg(), c.weightKg(), c.weightMeasuredOn(),
                c.doseRounding(), c.doses(), visits, c.totals(), notes);
    }
}
