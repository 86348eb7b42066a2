package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.Today;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.CompiledProtocol;
import org.il7cds.engine.rules.DosingDefinition;
import org.il7cds.engine.rules.Parameter;
import org.il7cds.engine.rules.RuleSet;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dosing facade: a calendar request in, a complete calendar out (or a clear refusal). Thread-safe; each
 * call reads the active rule set once and uses that version for eligibility, dose rules and placement. It only
 * orchestrates: the request's own checks are {@link DosingRequestCheck}'s, the protocol's rules
 * {@link DosingRules}', the placement {@link SchedulePlacer}'s and the explanation {@link CalendarNotes}'.
 */
public final class DosingEngine {

    /** Rule firings allowed per plan before the dosing rules are declared runaway. */
    public static final int FIRING_LIMIT = 1_000;
    /** Longest closures list accepted (one year of dates). */
    public static final int MAX_CLOSURES = 366;

    private static final Logger LOG = LoggerFactory.getLogger(DosingEngine.class);

    private final Supplier<RuleSet> rules;
    private final EligibilityEngine eligibility;
    private final Clock clock;

    public DosingEngine(Supplier<RuleSet> rules, EligibilityEngine eligibility, Clock clock) {
        this.rules = rules;
        this.eligibility = eligibility;
        this.clock = clock;
    }

    /**
     * @throws org.il7cds.engine.InvalidInputException for bad input (unknown dose level, old or implausible
     *     weight, first injection date not a clinic day, ...), every problem listed
     * @throws CalendarRefusedException when the candidate is not ELIGIBLE and no override is given
     * @throws ScheduleInfeasibleException when a dose cannot be placed within the window
     * @throws UnknownProtocolException when the active rules have no such protocol
     */
    public DosingCalendar plan(CalendarRequest request) {
        return plan(request, (Consumer<String>) null);
    }

    /**
     * As {@link #plan(CalendarRequest)}, and tells {@code firedRules} the name of every dosing rule that fired, in
     * firing order, as it fires (so also when the plan then ends in an exception). The scenario runner uses it to
     * check that every dosing rule is exercised by a scenario; the calendar's notes already name the rule behind
     * each decision.
     *
     * @param firedRules may be null
     */
    public DosingCalendar plan(CalendarRequest request, Consumer<String> firedRules) {
        return plan(rules.get(), request, clock, firedRules);
    }

    /** As {@link #plan(CalendarRequest)}, with "today" read from {@code clock} (a recorded calendar's fixed clock). */
    public DosingCalendar plan(CalendarRequest request, Clock clock) {
        return plan(rules.get(), request, clock, null);
    }

    /**
     * As {@link #plan(CalendarRequest)}, on a given rule set and with "today" read from {@code clock}: a recorded
     * calendar is planned on a clock fixed at the instant it records, and replayed on the same rules and clock.
     */
    public DosingCalendar plan(RuleSet ruleSet, CalendarRequest request, Clock clock) {
        return plan(ruleSet, request, clock, null);
    }

    /**
     * As {@link #plan(RuleSet, CalendarRequest, Clock)} for a new cycle of a protocol that repeats cycles: the gate is
     * the re-treatment decision ({@code gate}: told the first injection date, it answers the retreatment criteria's
     * assessment as of that date, ELIGIBLE meaning a new cycle is indicated; its problems name the request's fields)
     * instead of the first-course eligibility, and everything else comes from the same dosing rules. {@code cycle}
     * (the previous cycles, as text) is part of the calendar id, so that a new cycle's calendar is never taken for a
     * first course's planned with the same values.
     */
    public DosingCalendar planCycle(RuleSet ruleSet, CalendarRequest request, Clock clock,
            Function<LocalDate, Assessment> gate, String cycle, Consumer<String> firedRules) {
        return plan(ruleSet, request, clock, firedRules, gate, "|cycle=" + cycle);
    }

    private DosingCalendar plan(RuleSet ruleSet, CalendarRequest request, Clock clock, Consumer<String> firedRules) {
        return plan(ruleSet, request, clock, firedRules, null, "");
    }

    private DosingCalendar plan(RuleSet ruleSet, CalendarRequest request, Clock clock, Consumer<String> firedRules,
            Function<LocalDate, Assessment> cycleGate, String idSuffix) {
        if (request == null) {
            throw new InvalidInputException("request", "is required");
        }
        CompiledProtocol protocol = ruleSet.protocolOrDefault(request.protocolId());
        String protocolId = protocol.definition().id();
        DosingDefinition dosing = protocol.definition().dosing().orElseThrow(() -> new InvalidInputException(
                "protocolId", "protocol " + protocolId + " defines no dosing schedule (no dosing: section)"));
        LocalDate today = LocalDate.now(clock);

        // 1. Input problems the engine finds itself (protocol-independent), then eligibility, then the rules.
        List<FieldProblem> problems = new ArrayList<>();
        DosingRequestCheck.Inputs in = DosingRequestCheck.validate(request, dosing, today, Today.anywhere(clock),
                problems);
        LocalDate asOf = request.asOf() == null ? today : request.asOf();
        Assessment assessment = null;
        if (request.candidate() == null) {
            problems.add(new FieldProblem("candidate", "is required: the candidate snapshot to assess eligibility"));
        } else if (request.firstInjectionDate() != null) {
            try {
                assessment = cycleGate != null ? cycleGate.apply(request.firstInjectionDate())
                        : eligibility.assess(ruleSet, protocolId, request.candidate(), request.firstInjectionDate(),
                                clock);
            } catch (InvalidInputException e) {
                String prefix = cycleGate != null ? "" : "candidate.";
                e.problems().forEach(p -> problems.add(new FieldProblem(prefix + p.field(), p.message())));
            }
        }
        DosingProtocol protocolFact = new DosingProtocol(protocolId, dosing);
        DoseOrder order = new DoseOrder(in.doseLevelUgPerKg(), in.weightKg(), request.weightMeasuredOn(),
                request.firstInjectionDate(), in.concentrationUgPerMl(), in.syringeGraduationMl());
        DosingDecisions decisions = DosingRules.fire(rulesOf(protocol), protocolFact, order, assessment == null ? null
                : new EligibilityGate(assessment.verdict(), in.override()), firedRules);
        problems.addAll(decisions.problems());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }

        // 2. The eligibility gate and the dose, as the rules decided them (exactly once each).
        DosingDecisions.Gate gate = single(decisions.gates(), "the eligibility gate", protocolId);
        if (gate == DosingDecisions.Gate.REFUSED) {
            throw new CalendarRefusedException(assessment, decisions.refusal());
        }
        BigDecimal doseUg = single(decisions.doses(), "the dose per injection", protocolId);
        DoseVolume volume = in.concentrationUgPerMl() == null ? null
                : single(decisions.volumes(), "the volume per injection", protocolId);

        // 3. Placement on clinic days.
        String calendarId = calendarId(protocolId, in, request, ruleSet.contentHash(), idSuffix);
        SchedulePlacer.Rules scheduleRules = new SchedulePlacer.Rules(dosing.whole("doses"),
                dosing.whole("lastCourseDay"), dosing.whole("minDaysBetweenDoses"), dosing.whole("maxDosesPerIsoWeek"),
                in.clinicDays(), in.closures());
        SchedulePlacer.Placement placement = SchedulePlacer.place(request.firstInjectionDate(), scheduleRules);
        List<InjectionSite> sites = volume == null ? List.of()
                : InjectionSites.split(volume.getRoundedMl(), in.maxVolumePerSiteMl(), in.syringeGraduationMl());
        List<ScheduledDose> doses = placement.placed().stream().map(s -> new ScheduledDose(
                calendarId + "-D" + s.number(), s.number(), s.date(), s.date().getDayOfWeek(), s.courseDay(), doseUg,
                volume == null ? null : volume.getRoundedMl(), volume == null ? null : volume.getDeliveredUg(), sites,
                volume == null ? null : volume.getErrorPercent(), s.moved() ? s.nominal() : null)).toList();
        if (!placement.unplaced().isEmpty()) {
            LOG.debug("dosing calendar {}: {} of {} doses cannot be placed", calendarId, placement.unplaced().size(),
                    scheduleRules.doses());
            throw new ScheduleInfeasibleException(placement.unplaced(), doses);
        }

        List<MonitoringVisit> visits = new ArrayList<>();
        for (int i = 0; i < dosing.visits().size(); i++) {
            DosingDefinition.VisitDefinition v = dosing.visits().get(i);
            visits.add(new MonitoringVisit(calendarId + "-V" + (i + 1), v.label(), v.day(),
                    request.firstInjectionDate().plusDays(v.day()), v.labs().stream().map(Enum::name).toList(),
                    v.assumption(), v.source()));
        }
        CourseTotals totals = CourseTotals.of(doses, in.vialSizeUg());
        List<String> notes = CalendarNotes.notes(dosing, in, decisions, assessment, placement, sites, visits);
        LOG.debug("dosing calendar {} planned: {} doses, {} visits", calendarId, doses.size(), visits.size());
        return new DosingCalendar(calendarId, request.candidate().pseudonymId(), asOf, protocolId, ruleSet.version(),
                ruleSet.contentHash(), assessment.verdict(),
                gate == DosingDecisions.Gate.OVERRIDDEN ? in.override() : null, in.doseLevelUgPerKg(), in.weightKg(),
                request.weightMeasuredOn(), protocolFact.getDoseRoundingText(), doses, visits, totals, notes);
    }

    /** The protocol's dosing knowledge base; a protocol with a dosing section needs its dosing.drl. */
    private static org.kie.api.KieBase rulesOf(CompiledProtocol protocol) {
        return protocol.dosingRules().orElseThrow(() -> new InvalidInputException("protocolId", "protocol "
                + protocol.definition().id() + " has a dosing section but no dosing rules (dosing.drl)"));
    }

    private static <T> T single(List<T> decided, String what, String protocolId) {
        if (decided.size() != 1) {
            throw new RulesExecutionException("the dosing rules of protocol " + protocolId + " decided " + what + " "
                    + decided.size() + " times (expected once): no calendar was produced; report it to the rules'"
                    + " maintainers");
        }
        return decided.get(0);
    }

    // ----------------------------------------------------------------------------------------- output

    private static String calendarId(String protocolId, DosingRequestCheck.Inputs in, CalendarRequest r, String rulesHash,
            String suffix) {
        String normalised = String.join("|",
                "protocol=" + protocolId,
                "level=" + plain(in.doseLevelUgPerKg()),
                "weightKg=" + plain(in.weightKg()),
                "weighed=" + r.weightMeasuredOn(),
                "first=" + r.firstInjectionDate(),
                "clinicDays=" + DosingRequestCheck.names(in.clinicDays()),
                "closures=" + in.closures().stream().map(LocalDate::toString).collect(Collectors.joining(",")),
                "concentration=" + plain(in.concentrationUgPerMl()),
                "graduation=" + plain(in.syringeGraduationMl()),
                "maxPerSite=" + plain(in.maxVolumePerSiteMl()),
                // The pseudonym keeps two candidates' calendars (and their iCalendar UIDs) apart; only its
                // hash leaves the engine.
                "candidate=" + r.candidate().pseudonymId(),
                "override=" + (in.override() == null ? "" : in.override().reasonCode() + "," + in.override().authorisedBy()),
                "rules=" + rulesHash)
                // The vial size changes the totals, so it is part of the id; without one, ids stay as they were.
                + (in.vialSizeUg() == null ? "" : "|vialSize=" + plain(in.vialSizeUg()))
                // A new cycle's calendar: its previous cycles (empty for a first course: its ids stay as they were).
                + suffix;
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return "cal-" + HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }


}
