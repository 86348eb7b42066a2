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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
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
 * call reads the active rule set once and uses that version for eligibility, dose rules and placement.
 */
public final class DosingEngine {

    /** Rule firings allowed per plan before the dosing rules are declared runaway. */
    public static final int FIRING_LIMIT = 1_000;
    /** Longest closures list accepted (one year of dates). */
    public static final int MAX_CLOSURES = 366;
    /** Dosing rules live in a DRL package whose last segment is this ("il7cds.levy2009.dosing"). */
    public static final String RULE_PACKAGE_SUFFIX = ".dosing";

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
     * the re-treatment decision ({@code gate}, made as of the first injection date; ELIGIBLE means a new cycle is
     * indicated) instead of the first-course eligibility, and everything else comes from the same dosing rules.
     */
    public DosingCalendar planCycle(RuleSet ruleSet, CalendarRequest request, Clock clock, Assessment gate,
            Consumer<String> firedRules) {
        return plan(ruleSet, request, clock, firedRules, gate);
    }

    private DosingCalendar plan(RuleSet ruleSet, CalendarRequest request, Clock clock, Consumer<String> firedRules) {
        return plan(ruleSet, request, clock, firedRules, null);
    }

    private DosingCalendar plan(RuleSet ruleSet, CalendarRequest request, Clock clock, Consumer<String> firedRules,
            Assessment gateAssessment) {
        if (request == null) {
            throw new InvalidInputException("request", "is required");
        }
        String protocolId = request.protocolId() == null ? EligibilityEngine.DEFAULT_PROTOCOL : request.protocolId();
        CompiledProtocol protocol = ruleSet.protocol(protocolId)
                .orElseThrow(() -> new UnknownProtocolException(protocolId, ruleSet.protocolIds()));
        DosingDefinition dosing = protocol.definition().dosing().orElseThrow(() -> new InvalidInputException(
                "protocolId", "protocol " + protocolId + " defines no dosing schedule (no dosing: section)"));
        LocalDate today = LocalDate.now(clock);

        // 1. Input problems the engine finds itself (protocol-independent), then eligibility, then the rules.
        List<FieldProblem> problems = new ArrayList<>();
        Inputs in = validate(request, dosing, today, problems);
        LocalDate asOf = request.asOf() == null ? today : request.asOf();
        Assessment assessment = null;
        if (request.candidate() == null) {
            problems.add(new FieldProblem("candidate", "is required: the candidate snapshot to assess eligibility"));
        } else if (gateAssessment != null) {
            assessment = gateAssessment;
        } else if (request.firstInjectionDate() != null) {
            try {
                assessment = eligibility.assess(ruleSet, protocolId, request.candidate(), request.firstInjectionDate(),
                        clock);
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> problems.add(new FieldProblem("candidate." + p.field(), p.message())));
            }
        }
        DosingProtocol protocolFact = new DosingProtocol(protocolId, dosing);
        DoseOrder order = new DoseOrder(in.doseLevelUgPerKg(), in.weightKg(), request.weightMeasuredOn(),
                request.firstInjectionDate(), in.concentrationUgPerMl(), in.syringeGraduationMl());
        DosingDecisions decisions = fire(protocol, protocolFact, order, assessment == null ? null
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
        String calendarId = calendarId(protocolId, in, request, ruleSet.contentHash());
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
        List<String> notes = notes(dosing, in, decisions, assessment, placement, sites, visits);
        LOG.debug("dosing calendar {} planned: {} doses, {} visits", calendarId, doses.size(), visits.size());
        return new DosingCalendar(calendarId, request.candidate().pseudonymId(), asOf, protocolId, ruleSet.version(),
                ruleSet.contentHash(), assessment.verdict(),
                gate == DosingDecisions.Gate.OVERRIDDEN ? in.override() : null, in.doseLevelUgPerKg(), in.weightKg(),
                request.weightMeasuredOn(), protocolFact.getDoseRoundingText(), doses, visits, totals, notes);
    }

    // ------------------------------------------------------------------------------------ validation

    /** The request's values after protocol-independent checks; invalid ones are null, defaults applied. */
    private record Inputs(BigDecimal doseLevelUgPerKg, BigDecimal weightKg, Set<DayOfWeek> clinicDays,
            boolean defaultClinicDays, Set<LocalDate> closures, BigDecimal concentrationUgPerMl,
            BigDecimal syringeGraduationMl, boolean defaultGraduation, BigDecimal maxVolumePerSiteMl,
            BigDecimal vialSizeUg, EligibilityOverride override, boolean volumeInputsIgnored) {
    }

    private static Inputs validate(CalendarRequest r, DosingDefinition dosing, LocalDate today,
            List<FieldProblem> problems) {
        // The planning date: the checks that would otherwise use today use it, so that a request gives the same
        // answer on any later day. A weight is never after today, whatever the planning date.
        LocalDate asOf = r.asOf() == null ? today : r.asOf();
        String planned = r.asOf() == null ? "today (" + today + ")" : "the planning date asOf (" + asOf + ")";
        if (asOf.isBefore(EligibilityEngine.EARLIEST_AS_OF) || asOf.isAfter(today.plusYears(1))) {
            problems.add(new FieldProblem("asOf", "must be between " + EligibilityEngine.EARLIEST_AS_OF
                    + " and one year from today (" + today.plusYears(1) + ")"));
            asOf = today;
        }
        BigDecimal level = positive("doseLevelUgPerKg", r.doseLevelUgPerKg(), true, problems);
        BigDecimal weight = positive("weightKg", r.weightKg(), true, problems);
        if (r.weightMeasuredOn() == null) {
            problems.add(new FieldProblem("weightMeasuredOn", "is required: the date the weight was measured"));
        } else if (r.weightMeasuredOn().isAfter(today)) {
            problems.add(new FieldProblem("weightMeasuredOn", "is in the future (after today, " + today + ")"));
        } else if (r.weightMeasuredOn().isAfter(asOf)) {
            problems.add(new FieldProblem("weightMeasuredOn", "is after " + planned
                    + ": the weight must be known when the calendar is planned"));
        } else if (r.weightMeasuredOn().isBefore(asOf.minusYears(10))) {
            problems.add(new FieldProblem("weightMeasuredOn", "is more than ten years ago: measure the weight again"));
        }
        Set<DayOfWeek> clinicDays = null;
        boolean defaultDays = r.clinicDays() == null;
        if (defaultDays) {
            clinicDays = dosing.defaultClinicDays();
        } else if (r.clinicDays().isEmpty()) {
            problems.add(new FieldProblem("clinicDays", "is empty: name at least one clinic day, or omit it for the"
                    + " protocol's default (" + names(dosing.defaultClinicDays()) + ")"));
        } else {
            clinicDays = EnumSet.copyOf(r.clinicDays());
        }
        Set<LocalDate> closures = new TreeSet<>();
        if (r.closures().size() > MAX_CLOSURES) {
            problems.add(new FieldProblem("closures", "has more than " + MAX_CLOSURES + " dates"));
        } else {
            for (int i = 0; i < r.closures().size(); i++) {
                if (r.closures().get(i) == null) {
                    problems.add(new FieldProblem("closures[" + i + "]", "is empty"));
                } else {
                    closures.add(r.closures().get(i));
                }
            }
        }
        LocalDate first = r.firstInjectionDate();
        if (first == null) {
            problems.add(new FieldProblem("firstInjectionDate", "is required"));
        } else if (first.isBefore(asOf)) {
            problems.add(new FieldProblem("firstInjectionDate", "is before " + planned
                    + ": a calendar is planned from that day on"));
        } else if (first.isAfter(latestStart(asOf, today))) {
            problems.add(new FieldProblem("firstInjectionDate", "is more than a year ahead (after "
                    + latestStart(asOf, today) + "): eligibility and weight would not hold until then"));
        } else if (clinicDays != null) {
            // The first dose is never moved: a wrong start date is the caller's to correct.
            LocalDate next = SchedulePlacer.nextOpenClinicDay(first.plusDays(1), clinicDays, closures);
            String hint = next == null ? "no open clinic day follows within a year"
                    : "the next open clinic day is " + next + " (" + next.getDayOfWeek() + ")";
            if (!clinicDays.contains(first.getDayOfWeek())) {
                problems.add(new FieldProblem("firstInjectionDate", "is a " + first.getDayOfWeek()
                        + ", not a clinic day (" + names(clinicDays) + "); the first dose is never moved: " + hint));
            } else if (closures.contains(first)) {
                problems.add(new FieldProblem("firstInjectionDate",
                        "is a clinic closure; the first dose is never moved: " + hint));
            }
        }
        BigDecimal concentration = positive("concentrationUgPerMl", r.concentrationUgPerMl(), false, problems);
        BigDecimal graduation = positive("syringeGraduationMl", r.syringeGraduationMl(), false, problems);
        BigDecimal maxPerSite = positive("maxVolumePerSiteMl", r.maxVolumePerSiteMl(), false, problems);
        BigDecimal vialSize = positive("vialSizeUg", r.vialSizeUg(), false, problems);
        boolean defaultGraduation = false;
        if (r.syringeGraduationMl() == null && concentration != null) {
            graduation = dosing.number("defaultSyringeGraduation");
            defaultGraduation = true;
        }
        if (maxPerSite != null && graduation != null && maxPerSite.compareTo(graduation) < 0) {
            problems.add(new FieldProblem("maxVolumePerSiteMl", "is smaller than the syringe graduation"));
        }
        EligibilityOverride override = r.override();
        if (override != null) {
            if (override.reasonCode() == null) {
                problems.add(new FieldProblem("override.reasonCode", "is required: one of "
                        + Arrays.toString(OverrideReason.values())));
            }
            if (override.authorisedBy() == null || override.authorisedBy().isBlank()) {
                problems.add(new FieldProblem("override.authorisedBy",
                        "is required: the name or staff id of the person who authorised the override"));
            } else if (override.authorisedBy().length() > 200) {
                problems.add(new FieldProblem("override.authorisedBy", "is longer than 200 characters"));
            }
        }
        return new Inputs(level, weight, clinicDays, defaultDays, closures, concentration,
                concentration == null ? null : graduation, defaultGraduation,
                concentration == null ? null : maxPerSite, vialSize, override,
                concentration == null && (r.syringeGraduationMl() != null || r.maxVolumePerSiteMl() != null));
    }

    /** A course starts within a year of its planning date, and never more than a year after today. */
    private static LocalDate latestStart(LocalDate asOf, LocalDate today) {
        LocalDate a = asOf.plusYears(1);
        LocalDate b = today.plusYears(1);
        return a.isBefore(b) ? a : b;
    }

    private static BigDecimal positive(String field, BigDecimal value, boolean required, List<FieldProblem> problems) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        if (value.signum() <= 0) {
            problems.add(new FieldProblem(field, "must be greater than zero"));
            return null;
        }
        return value;
    }

    private static String names(Set<DayOfWeek> days) {
        return days.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    // ----------------------------------------------------------------------------------------- rules

    private static DosingDecisions fire(CompiledProtocol protocol, DosingProtocol protocolFact, DoseOrder order,
            EligibilityGate gate, Consumer<String> firedRules) {
        DosingDecisions decisions = new DosingDecisions();
        KieSession session = protocol.kieBase().newKieSession();
        try {
            if (firedRules != null) {
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        firedRules.accept(event.getMatch().getRule().getName());
                    }
                });
            }
            // Only the dosing global is set. The eligibility rules (global "findings") match only eligibility
            // facts, never inserted here; the agenda filter also keeps any non-dosing rule from firing here.
            session.setGlobal("decisions", decisions);
            session.insert(protocolFact);
            session.insert(order);
            if (gate != null) {
                session.insert(gate);
            }
            int fired = session.fireAllRules(
                    match -> match.getRule().getPackageName().endsWith(RULE_PACKAGE_SUFFIX), FIRING_LIMIT);
            if (fired >= FIRING_LIMIT) {
                throw new RulesExecutionException("the dosing rules of protocol " + protocolFact.getId() + " fired "
                        + fired + " times without finishing (firing limit " + FIRING_LIMIT + "): a rule loops;"
                        + " no calendar was produced");
            }
        } catch (RulesExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RulesExecutionException("the dosing rules of protocol " + protocolFact.getId() + " failed: "
                    + rootMessage(e), e);
        } finally {
            session.dispose();
        }
        return decisions;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
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

    private static String calendarId(String protocolId, Inputs in, CalendarRequest r, String rulesHash) {
        String normalised = String.join("|",
                "protocol=" + protocolId,
                "level=" + plain(in.doseLevelUgPerKg()),
                "weightKg=" + plain(in.weightKg()),
                "weighed=" + r.weightMeasuredOn(),
                "first=" + r.firstInjectionDate(),
                "clinicDays=" + names(in.clinicDays()),
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
                + (in.vialSizeUg() == null ? "" : "|vialSize=" + plain(in.vialSizeUg()));
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return "cal-" + HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static List<String> notes(DosingDefinition dosing, Inputs in, DosingDecisions decisions,
            Assessment assessment, SchedulePlacer.Placement placement, List<InjectionSite> sites,
            List<MonitoringVisit> visits) {
        List<String> notes = new ArrayList<>();
        decisions.traces().forEach(t -> notes.add(t.toString()));
        if (sites.size() > 1) {
            notes.add("each dose is split into " + sites.size() + " injection sites ("
                    + sites.stream().map(s -> s.volumeMl().toPlainString()).collect(Collectors.joining(" + "))
                    + " mL) because the volume is above the " + plain(in.maxVolumePerSiteMl())
                    + " mL maximum per site: an equal split rounded to the " + plain(in.syringeGraduationMl())
                    + " mL graduation, any remainder on the first sites, adding up exactly to the dose volume");
        }
        if (in.defaultGraduation()) {
            notes.add("syringe graduation not given: the protocol default "
                    + dosing.parameter("defaultSyringeGraduation").display() + " was used (" + source(dosing,
                            "defaultSyringeGraduation") + ")");
        }
        if (in.concentrationUgPerMl() == null) {
            notes.add("no concentration given: volumes and injection sites are not computed"
                    + (in.volumeInputsIgnored() ? " (the syringe graduation and maximum volume per site given are"
                            + " not used without it)" : ""));
        } else if (in.maxVolumePerSiteMl() == null) {
            notes.add("no maximum volume per injection site given: each dose is one injection");
        }
        notes.add("schedule: " + dosing.whole("doses") + " doses on clinic days " + names(in.clinicDays())
                + (in.defaultClinicDays() ? " (protocol default: " + source(dosing, "clinicDays") + ")" : " (requested)")
                + ", at least " + dosing.parameter("minDaysBetweenDoses").display() + " apart ("
                + source(dosing, "minDaysBetweenDoses") + "), at most " + dosing.whole("maxDosesPerIsoWeek")
                + " per ISO week, on course days 0.." + dosing.whole("lastCourseDay") + " (" + dosing.source() + ")");
        for (SchedulePlacer.Slot s : placement.placed()) {
            if (s.moved()) {
                notes.add("dose " + s.number() + " moved from " + s.nominal() + " to " + s.date() + " ("
                        + s.date().getDayOfWeek() + ")" + (in.closures().contains(s.nominal())
                                ? ": " + s.nominal() + " is a clinic closure"
                                : ": an earlier dose was moved by a closure"));
            }
        }
        for (MonitoringVisit v : visits) {
            if (in.closures().contains(v.date()) || !in.clinicDays().contains(v.date().getDayOfWeek())) {
                notes.add("monitoring visit " + v.id() + " (" + v.label() + ") falls on " + v.date() + ", "
                        + (in.closures().contains(v.date()) ? "a clinic closure" : "not a clinic day")
                        + ": it is not moved; arrange it on a nearby clinic day");
            }
        }
        if (in.vialSizeUg() != null) {
            notes.add("vials: " + CourseTotals.VIAL_RULE);
        }
        if (visits.stream().anyMatch(MonitoringVisit::assumption)) {
            notes.add("monitoring visit days are assumptions (the Lévy 2009 visit schedule is not published;"
                    + " days from ACTG A5214 and INSPIRE); follow-up to 48 weeks is confirmed");
        }
        decisions.notes().forEach(t -> notes.add(t.toString()));
        List<String> assumed = dosing.parameters().values().stream().filter(Parameter::assumption)
                .map(p -> p.name() + " = " + p.display()).sorted().toList();
        if (!assumed.isEmpty()) {
            notes.add("assumptions (protocol.yaml dosing, not confirmed by the Lévy 2009 paper): "
                    + String.join("; ", assumed));
        }
        assessment.notes().forEach(n -> notes.add("eligibility: " + n));
        return notes;
    }

    private static String source(DosingDefinition dosing, String parameter) {
        Parameter p = dosing.parameter(parameter);
        return p.source() + (p.assumption() ? "; assumption" : "");
    }

}
