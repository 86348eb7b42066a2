package org.il7cds.engine.eligibility;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.Today;
import org.il7cds.engine.rules.CompiledProtocol;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.CriterionType;
import org.il7cds.engine.rules.RuleSet;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The eligibility facade: one candidate snapshot in, one explained verdict out. Thread-safe; each call reads
 * the active rule set once and uses that version throughout.
 */
public final class EligibilityEngine {

    /** No verdict is made as of a date before this (c-ART and the rhIL-7 trials start in the late 1990s). */
    public static final LocalDate EARLIEST_AS_OF = LocalDate.of(1996, 1, 1);
    /** Rule firings allowed per assessment before the rule set is declared runaway. */
    public static final int DEFAULT_FIRING_LIMIT = 10_000;

    private final Supplier<RuleSet> rules;
    private final Clock clock;
    private final int firingLimit;
    /**
     * At most one rules session per core at a time. Measured: with 16 request threads on 2 cores, sessions running
     * all at once give 10.6 k assessments/s; admitted two at a time, 18.9 k/s (bench/RESULTS.md).
     */
    private final Semaphore sessions = new Semaphore(Runtime.getRuntime().availableProcessors());

    public EligibilityEngine(Supplier<RuleSet> rules, Clock clock) {
        this(rules, clock, DEFAULT_FIRING_LIMIT);
    }

    public EligibilityEngine(Supplier<RuleSet> rules, Clock clock, int firingLimit) {
        this.rules = rules;
        this.clock = clock;
        this.firingLimit = firingLimit;
    }

    /** Assesses against the rules' default protocol ({@code bundle.yaml} defaultProtocol) as of today. */
    public Assessment assess(Candidate candidate) {
        return assess((String) null, candidate, null);
    }

    public Assessment assess(Candidate candidate, LocalDate asOf) {
        return assess((String) null, candidate, asOf);
    }

    /**
     * @param protocolId null means the rules' default protocol
     * @param asOf the date the verdict is made as of; null means today
     * @throws InvalidInputException when the snapshot cannot be decided on (every problem listed)
     * @throws org.il7cds.engine.UnknownProtocolException when the active rules have no such protocol (or no default)
     * @throws RulesExecutionException when the rules fail (runaway, contradiction); never a verdict then
     */
    public Assessment assess(String protocolId, Candidate candidate, LocalDate asOf) {
        RuleSet ruleSet = rules.get();
        return assess(ruleSet, protocolId, candidate, asOf);
    }

    /** Assesses with a given rule set (used to compare two versions side by side). */
    public Assessment assess(RuleSet ruleSet, String protocolId, Candidate candidate, LocalDate asOf) {
        return assess(ruleSet, protocolId, candidate, asOf, clock);
    }

    /**
     * Assesses with a given rule set and "today" read from {@code clock}: a recorded decision is made on a clock
     * fixed at the instant it records, and replayed on the same one.
     */
    public Assessment assess(RuleSet ruleSet, String protocolId, Candidate candidate, LocalDate asOf, Clock clock) {
        CompiledProtocol protocol = ruleSet.protocolOrDefault(protocolId);
        String id = protocol.definition().id();
        LocalDate today = LocalDate.now(clock);
        LocalDate date = checkedAsOf(asOf, today, candidate);
        CandidateFacts facts = CandidateFacts.of(candidate, date, Today.anywhere(clock),
                ruleSet.drugs()::ingredientNames);
        Outcome outcome = verdict(protocol, pool(protocol), fire(protocol, facts, false, null), false);
        return new Assessment(candidate.pseudonymId(), id, ruleSet.version(), ruleSet.contentHash(), date,
                outcome.verdict(), outcome.results(), facts.notes);
    }

    /**
     * Whether a new cycle is indicated now: the protocol's {@code type: retreatment} criteria, decided by its rules on
     * the candidate's history and the course history. ELIGIBLE means "a new cycle is indicated"; a criterion NOT_MET
     * only until a date carries that date ({@link CriterionResult#notBefore()}).
     *
     * @param cycles the cycles already given; null when not known (the criteria that need it are UNKNOWN)
     * @throws InvalidInputException for bad input, or when the protocol defines no re-treatment criteria
     */
    public Assessment assessRetreatment(RuleSet ruleSet, String protocolId, Candidate candidate,
            List<PreviousCycle> cycles, LocalDate asOf, Clock clock) {
        CompiledProtocol protocol = ruleSet.protocolOrDefault(protocolId);
        String id = protocol.definition().id();
        if (protocol.definition().criteria().stream().noneMatch(c -> c.type() == CriterionType.RETREATMENT)) {
            throw new InvalidInputException("protocolId", "protocol " + id
                    + " defines no repeat cycles (no criterion of type retreatment)");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate date = checkedAsOf(asOf, today, candidate);
        LocalDate todayAnywhere = Today.anywhere(clock);
        List<org.il7cds.engine.FieldProblem> problems = new ArrayList<>();
        Cycles history = Cycles.of(cycles, date, todayAnywhere, problems);
        CandidateFacts facts;
        try {
            facts = CandidateFacts.of(candidate, date, todayAnywhere, ruleSet.drugs()::ingredientNames);
        } catch (InvalidInputException e) {
            problems.addAll(0, e.problems().stream()
                    .map(p -> new org.il7cds.engine.FieldProblem("candidate." + p.field(), p.message())).toList());
            throw new InvalidInputException(problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Outcome outcome = verdict(protocol, pool(protocol), fire(protocol, facts, true, history), true);
        return new Assessment(candidate.pseudonymId(), id, ruleSet.version(), ruleSet.contentHash(), date,
                outcome.verdict(), outcome.results(), facts.notes);
    }

    /** The as-of date (today when null), checked, and the candidate required. */
    private static LocalDate checkedAsOf(LocalDate asOf, LocalDate today, Candidate candidate) {
        LocalDate date = asOf == null ? today : asOf;
        if (date.isBefore(EARLIEST_AS_OF) || date.isAfter(today.plusYears(1))) {
            throw new InvalidInputException("asOf", "must be between " + EARLIEST_AS_OF + " and one year from today ("
                    + today.plusYears(1) + ")");
        }
        if (candidate == null) {
            throw new InvalidInputException("candidate", "is required");
        }
        return date;
    }

    private List<Findings.Finding> fire(CompiledProtocol protocol, CandidateFacts facts, boolean retreatment,
            Cycles cycles) {
        sessions.acquireUninterruptibly();
        try {
            return fireAdmitted(protocol, facts, retreatment, cycles);
        } finally {
            sessions.release();
        }
    }

    private List<Findings.Finding> fireAdmitted(CompiledProtocol protocol, CandidateFacts facts, boolean retreatment,
            Cycles cycles) {
        EligibilitySessions pool = pool(protocol);
        EligibilitySessions.Pooled pooled = pool.borrow();
        boolean reusable = false;
        try {
            KieSession session = pooled.session();
            List<FactHandle> inserted = insertRequestFacts(session, pool, facts, retreatment);
            if (cycles != null) {
                inserted.add(session.insert(cycles));
            }
            fireWithinLimit(protocol, session);
            for (FactHandle h : inserted) {
                session.delete(h);
            }
            reusable = true;
            return pooled.findings().takeAll();
        } catch (RulesExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(protocol, e);
        } finally {
            if (reusable) {
                pool.giveBack(pooled);
            } else {
                pool.discard(pooled);
            }
        }
    }

    private static EligibilitySessions pool(CompiledProtocol protocol) {
        return protocol.attached(EligibilitySessions.class, EligibilitySessions::new);
    }

    /**
     * The request's facts and, unless they stay in the session, the protocol's criteria of the phase asked for (which
     * hand-written rules match for their parameters): a first course's inclusion and exclusion criteria, or a new
     * cycle's retreatment criteria. Criteria stay resident only in protocols without retreatment criteria
     * ({@link EligibilitySessions}), so a resident set never mixes the two phases.
     */
    private static List<FactHandle> insertRequestFacts(KieSession session, EligibilitySessions pool,
            CandidateFacts facts, boolean retreatment) {
        List<FactHandle> inserted = new ArrayList<>(4 + facts.labs.size() + facts.measurements.size()
                + pool.criteria.size());
        if (!pool.criteriaResident) {
            for (Criterion c : pool.criteria) {
                if ((c.definition().type() == CriterionType.RETREATMENT) != retreatment) {
                    continue;
                }
                inserted.add(session.insert(c));
            }
        }
        inserted.add(session.insert(facts.person));
        inserted.add(session.insert(facts.art));
        inserted.add(session.insert(facts.history));
        inserted.add(session.insert(facts.asOf));
        for (Lab lab : facts.labs) {
            inserted.add(session.insert(lab));
        }
        for (Measurement m : facts.measurements) {
            inserted.add(session.insert(m));
        }
        return inserted;
    }

    private void fireWithinLimit(CompiledProtocol protocol, KieSession session) {
        int fired = session.fireAllRules(firingLimit);
        if (fired >= firingLimit) {
            throw new RulesExecutionException("the rules of protocol " + protocol.definition().id()
                    + " fired " + fired + " times without finishing (firing limit " + firingLimit
                    + "): a rule loops; no verdict was produced");
        }
    }

    private static RulesExecutionException failed(CompiledProtocol protocol, RuntimeException e) {
        return new RulesExecutionException("the rules of protocol " + protocol.definition().id()
                + " failed: " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private record Outcome(Verdict verdict, List<CriterionResult> results) {
    }

    /**
     * The verdict on the criteria of one phase (first course, or a new cycle). A generated lab rule decides its
     * criterion whichever phase is assessed (it matches no Criterion fact): a finding about a declared criterion of the
     * other phase is not an error, it is not part of this verdict.
     */
    private static Outcome verdict(CompiledProtocol protocol, EligibilitySessions texts,
            List<Findings.Finding> findings, boolean retreatment) {
        List<CriterionDefinition> criteria = protocol.definition().criteria();
        List<CriterionResult> results = new ArrayList<>(criteria.size());
        List<Status> statuses = new ArrayList<>(criteria.size());
        int used = 0;
        for (int i = 0; i < criteria.size(); i++) {
            CriterionDefinition c = criteria.get(i);
            Findings.Finding f = null;
            boolean contradicted = false;
            for (Findings.Finding candidate : findings) {
                if (candidate.criterionId().equals(c.id())) {
                    used++;
                    contradicted |= f != null && f.status() != candidate.status();
                    f = f == null ? candidate : f;
                }
            }
            if ((c.type() == CriterionType.RETREATMENT) != retreatment) {
                continue;
            }
            if (contradicted) {
                throw new RulesExecutionException("rules " + findings.stream()
                        .filter(x -> x.criterionId().equals(c.id())).map(x -> "'" + x.rule() + "'")
                        .distinct().collect(Collectors.joining(", ")) + " decide criterion " + c.id()
                        + " differently: the rules contradict each other; no verdict was produced");
            }
            CriterionResult result = f == null
                    ? new CriterionResult(c.id(), texts.titles[i], c.type(), Status.UNKNOWN, null, null,
                            texts.thresholds[i], c.unit(), null, c.source(), texts.assumptions[i],
                            "no rule decided this criterion for this input: report it to the rules' maintainers", null)
                    : new CriterionResult(c.id(), texts.titles[i], c.type(), f.status(), f.observed(), f.observedOn(),
                            texts.thresholds[i], c.unit(), f.rule(), f.source() == null ? c.source() : f.source(),
                            texts.assumptions[i], f.settleBy(), f.notBefore());
            results.add(result);
            statuses.add(result.status());
        }
        if (used != findings.size()) {
            throw new RulesExecutionException("rules " + findings.stream()
                    .filter(x -> protocol.definition().criterion(x.criterionId()).isEmpty())
                    .map(x -> "'" + x.rule() + "' (criterion " + x.criterionId() + ")").distinct()
                    .collect(Collectors.joining(", ")) + " decide a criterion protocol.yaml does not declare; no"
                    + " verdict was produced");
        }
        return new Outcome(Verdict.of(statuses), results);
    }
}
