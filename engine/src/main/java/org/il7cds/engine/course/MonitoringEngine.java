package org.il7cds.engine.course;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.Today;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Measurement;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.CompiledProtocol;
import org.il7cds.engine.rules.DecidingRule;
import org.il7cds.engine.rules.DosingDefinition;
import org.il7cds.engine.rules.MonitoringDefinition;
import org.il7cds.engine.rules.RuleSet;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * On-treatment viral monitoring: the protocol's monitoring rules (the DRL files of its folder whose package ends in
 * {@value #RULE_PACKAGE_SUFFIX}) classify each HIV-1 RNA result and say which actions are due; this class checks the
 * input, runs them and assembles the answer. It decides nothing clinical itself: a result no rule classifies is
 * UNCLASSIFIED (never "fine"), two rules classifying one result differently is an error, never an answer.
 */
public final class MonitoringEngine {

    /**
     * The package suffix of monitoring rules ({@code il7cds.inspire2.monitoring}); only those fire here. (The
     * eligibility sessions never fire them: they match {@link MonitoringProtocol}, which only this class inserts.)
     */
    public static final String RULE_PACKAGE_SUFFIX = ".monitoring";
    /** Rule firings allowed per answer (each result is classified once, with a few actions). */
    public static final int FIRING_LIMIT = 2_000;
    /** The most results one request may hold, as for an assessment's labs. */
    static final int MAX_DOSES = 100;

    private final Supplier<RuleSet> rules;
    private final Clock clock;

    public MonitoringEngine(Supplier<RuleSet> rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public MonitoringAnswer assess(MonitoringRequest request) {
        return assess(rules.get(), request, clock, null);
    }

    /**
     * @param firedRules told the name of every monitoring rule that fires (the scenario runner's coverage); may be null
     * @throws InvalidInputException for bad input, or when the protocol defines no monitoring
     * @throws org.il7cds.engine.UnknownProtocolException when the rules have no such protocol
     * @throws RulesExecutionException when the rules fail or contradict each other
     */
    public MonitoringAnswer assess(RuleSet ruleSet, MonitoringRequest request, Clock clock,
            Consumer<String> firedRules) {
        if (request == null) {
            throw new InvalidInputException("request", "is required");
        }
        CompiledProtocol protocol = ruleSet.protocolOrDefault(request.protocolId());
        String id = protocol.definition().id();
        MonitoringDefinition monitoring = protocol.definition().monitoring().orElseThrow(() ->
                new InvalidInputException("protocolId", "protocol " + id
                        + " defines no on-treatment monitoring (no monitoring: section)"));
        LocalDate today = LocalDate.now(clock);
        LocalDate todayAnywhere = Today.anywhere(clock);
        LocalDate asOf = request.asOf() == null ? today : request.asOf();
        if (asOf.isBefore(EligibilityEngine.EARLIEST_AS_OF) || asOf.isAfter(todayAnywhere)) {
            throw new InvalidInputException("asOf", "must be on or after " + EligibilityEngine.EARLIEST_AS_OF
                    + " and not in the future (" + Today.after(todayAnywhere)
                    + "): monitoring looks at results already drawn");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<LocalDate> doses = doses(request.doseDates(), asOf, problems);
        List<Measurement> history = List.of();
        if (request.candidate() == null) {
            problems.add(new FieldProblem("candidate", "is required: the pseudonym and the HIV-1 RNA results"));
        } else {
            try {
                history = Measurement.historyOf(request.candidate(), asOf, todayAnywhere);
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> problems.add(new FieldProblem("candidate." + p.field(), p.message())));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<Measurement> viralLoads = history.stream().filter(m -> m.getKind() == LabKind.HIV_RNA).toList();
        Treatment treatment = new Treatment(doses.get(0), doses.get(doses.size() - 1), doses.size(), asOf);
        MonitoringProtocol fact = new MonitoringProtocol(id, monitoring);
        MonitoringDecisions decisions = fire(protocol, fact, treatment, viralLoads, firedRules);

        List<MonitoringAnswer.Result> results = results(id, viralLoads, treatment, decisions);
        List<MonitoringAnswer.Action> actions = actions(decisions, asOf);
        boolean stop = actions.stream().anyMatch(a -> a.action().equals("STOP_IL7"));
        List<String> notes = new ArrayList<>();
        if (viralLoads.isEmpty()) {
            notes.add("no HIV-1 RNA result on or before " + asOf + ": nothing to classify");
        }
        if (stop) {
            notes.add("IL-7 is to be stopped: no further dose of this course, and no new cycle until HIV-1 RNA is"
                    + " below the suppression threshold again");
        }
        return new MonitoringAnswer(request.candidate().pseudonymId(), id, ruleSet.version(), ruleSet.contentHash(),
                asOf, treatment.getFirstDoseDate(), treatment.getLastDoseDate(), results, actions,
                visits(protocol.definition().dosing().orElse(null), treatment, actions, asOf), stop, notes);
    }

    private static List<LocalDate> doses(List<LocalDate> dates, LocalDate asOf, List<FieldProblem> problems) {
        if (dates == null || dates.isEmpty()) {
            problems.add(new FieldProblem("doseDates", "is required: the dates the course's doses were given"));
            return List.of();
        }
        if (dates.size() > MAX_DOSES) {
            problems.add(new FieldProblem("doseDates", "has more than " + MAX_DOSES + " dates"));
            return List.of();
        }
        List<LocalDate> sorted = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            LocalDate d = dates.get(i);
            if (d == null) {
                problems.add(new FieldProblem("doseDates[" + i + "]", "is empty"));
            } else if (d.isAfter(asOf)) {
                problems.add(new FieldProblem("doseDates[" + i + "]", "is after the as-of date " + asOf
                        + ": only doses already given are monitored"));
            } else {
                sorted.add(d);
            }
        }
        sorted.sort(Comparator.naturalOrder());
        return sorted;
    }

    private static MonitoringDecisions fire(CompiledProtocol protocol, MonitoringProtocol fact, Treatment treatment,
            List<Measurement> viralLoads, Consumer<String> firedRules) {
        DecidingRule deciding = new DecidingRule();
        MonitoringDecisions decisions = new MonitoringDecisions(deciding);
        // The monitoring rules live in the eligibility knowledge base (every .drl file but dosing.drl does); only they
        // fire here (agenda filter), on facts no eligibility session holds (MonitoringProtocol, Treatment).
        KieSession session = protocol.eligibilityRules().newKieSession();
        session.addEventListener(deciding);
        try {
            boolean declared = protocol.eligibilityRules().getKiePackages().stream()
                    .anyMatch(p -> p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals("monitoring")));
            if (!declared) {
                throw new RulesExecutionException("protocol " + fact.getProtocolId() + " has a monitoring: section but"
                        + " no monitoring rules (a DRL file of package ..." + RULE_PACKAGE_SUFFIX
                        + " declaring global MonitoringDecisions monitoring)");
            }
            session.setGlobal("monitoring", decisions);
            if (firedRules != null) {
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        firedRules.accept(event.getMatch().getRule().getName());
                    }
                });
            }
            session.insert(fact);
            session.insert(treatment);
            viralLoads.forEach(session::insert);
            int fired = session.fireAllRules(
                    m -> m.getRule().getPackageName().endsWith(RULE_PACKAGE_SUFFIX), FIRING_LIMIT);
            if (fired >= FIRING_LIMIT) {
                throw new RulesExecutionException("the monitoring rules of protocol " + fact.getProtocolId()
                        + " fired " + fired + " times without finishing: a rule loops; no answer was produced");
            }
        } catch (RulesExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RulesExecutionException("the monitoring rules of protocol " + fact.getProtocolId() + " failed: "
                    + e.getMessage(), e);
        } finally {
            session.dispose();
        }
        return decisions;
    }

    private static List<MonitoringAnswer.Result> results(String protocolId, List<Measurement> viralLoads,
            Treatment treatment, MonitoringDecisions decisions) {
        List<MonitoringAnswer.Result> out = new ArrayList<>(viralLoads.size());
        for (Measurement m : viralLoads) {
            List<MonitoringDecisions.Classification> mine = decisions.classifications().stream()
                    .filter(c -> c.result() == m).toList();
            if (mine.stream().map(MonitoringDecisions.Classification::classification).distinct().count() > 1) {
                throw new RulesExecutionException("rules " + mine.stream().map(c -> "'" + c.rule() + "'").distinct()
                        .toList() + " classify the HIV-1 RNA result of " + m.getSampleDate() + " differently"
                        + " (protocol " + protocolId + "): the rules contradict each other; no answer was produced");
            }
            boolean on = !m.getSampleDate().isBefore(treatment.getFirstDoseDate());
            out.add(mine.isEmpty()
                    ? new MonitoringAnswer.Result(m.getSampleDate(), m.getDisplay(), on, "UNCLASSIFIED",
                            "no rule classified this result: review it, and report it to the rules' maintainers",
                            null, null)
                    : new MonitoringAnswer.Result(m.getSampleDate(), m.getDisplay(), on, mine.get(0).classification(),
                            mine.get(0).explanation(), mine.get(0).rule(), mine.get(0).source()));
        }
        return out;
    }

    /** The actions, each once (the same action due by the same day from two rules is one), by due date. */
    private static List<MonitoringAnswer.Action> actions(MonitoringDecisions decisions, LocalDate asOf) {
        Map<String, MonitoringAnswer.Action> byKey = new LinkedHashMap<>();
        for (MonitoringDecisions.Action a : decisions.actions()) {
            byKey.putIfAbsent(a.action() + "@" + a.dueBy(), new MonitoringAnswer.Action(a.action(), a.dueFrom(),
                    a.dueBy(), a.dueBy().isBefore(asOf), a.basedOn() == null ? null : a.basedOn().getSampleDate(),
                    a.reason(), a.rule(), a.source()));
        }
        List<MonitoringAnswer.Action> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(MonitoringAnswer.Action::dueBy).thenComparing(MonitoringAnswer.Action::action));
        return out;
    }

    /**
     * The visits from the as-of date on: the protocol's scheduled visits (dosing.visits, counted from the first dose),
     * each with the actions done at it, and a visit for each action no scheduled visit takes ({@link ActionVisits}).
     */
    private static List<MonitoringAnswer.Visit> visits(DosingDefinition dosing, Treatment treatment,
            List<MonitoringAnswer.Action> actions, LocalDate asOf) {
        List<DosingDefinition.VisitDefinition> scheduled = new ArrayList<>();
        List<ActionVisits.Slot> slots = new ArrayList<>();
        if (dosing != null) {
            for (DosingDefinition.VisitDefinition v : dosing.visits()) {
                LocalDate date = treatment.getFirstDoseDate().plusDays(v.day());
                if (!date.isBefore(asOf)) {
                    scheduled.add(v);
                    slots.add(new ActionVisits.Slot(date, v.labs().contains(LabKind.HIV_RNA)));
                }
            }
        }
        List<List<String>> at = new ArrayList<>();
        slots.forEach(s -> at.add(new ArrayList<>()));
        List<MonitoringAnswer.Visit> out = new ArrayList<>();
        for (ActionVisits.Placed p : ActionVisits.place(slots, actions, asOf)) {
            if (p.slot() >= 0) {
                at.get(p.slot()).add(ActionVisits.what(p.action()));
            } else {
                boolean repeat = p.action().action().equals(ActionVisits.REPEAT_HIV_RNA);
                out.add(new MonitoringAnswer.Visit(p.date(), ActionVisits.label(p.action().action()), "ACTION",
                        repeat ? List.of(LabKind.HIV_RNA.name()) : List.of(), List.of(ActionVisits.what(p.action())),
                        p.action().source()));
            }
        }
        for (int i = 0; i < scheduled.size(); i++) {
            DosingDefinition.VisitDefinition v = scheduled.get(i);
            out.add(new MonitoringAnswer.Visit(slots.get(i).date(), v.label(), "SCHEDULED",
                    v.labs().stream().map(Enum::name).toList(), at.get(i), v.source()));
        }
        out.sort(Comparator.comparing(MonitoringAnswer.Visit::date).thenComparing(MonitoringAnswer.Visit::kind));
        return out;
    }
}
