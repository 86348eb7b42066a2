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
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.rules.CompiledProtocol;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.ResidentSessions;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The eligibility facade: one candidate snapshot in, one explained verdict out. Thread-safe; each call reads
 * the active rule set once and uses that version throughout.
 */
public final class EligibilityEngine {

    /** The protocol assessed when a caller names none. */
    public static final String DEFAULT_PROTOCOL = "levy-2009";
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

    /** Assesses against {@value #DEFAULT_PROTOCOL} as of today. */
    public Assessment assess(Candidate candidate) {
        return assess(DEFAULT_PROTOCOL, candidate, null);
    }

    public Assessment assess(Candidate candidate, LocalDate asOf) {
        return assess(DEFAULT_PROTOCOL, candidate, asOf);
    }

    /**
     * @param asOf the date the verdict is made as of; null means today
     * @throws InvalidInputException when the snapshot cannot be decided on (every problem listed)
     * @throws UnknownProtocolException when the active rules have no such protocol
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
        String id = protocolId == null ? DEFAULT_PROTOCOL : protocolId;
        CompiledProtocol protocol = ruleSet.protocol(id)
                .orElseThrow(() -> new UnknownProtocolException(id, ruleSet.protocolIds()));
        LocalDate today = LocalDate.now(clock);
        LocalDate date = asOf == null ? today : asOf;
        if (date.isBefore(EARLIEST_AS_OF) || date.isAfter(today.plusYears(1))) {
            throw new InvalidInputException("asOf", "must be between " + EARLIEST_AS_OF + " and one year from today ("
                    + today.plusYears(1) + ")");
        }
        if (candidate == null) {
            throw new InvalidInputException("candidate", "is required");
        }
        CandidateFacts facts = CandidateFacts.of(candidate, date, today, ruleSet.drugs()::ingredientNames);
        Outcome outcome = verdict(protocol, fire(protocol, facts));
        return new Assessment(candidate.pseudonymId(), id, ruleSet.version(), ruleSet.contentHash(), date,
                outcome.verdict(), outcome.results(), facts.notes);
    }

    private List<Findings.Finding> fire(CompiledProtocol protocol, CandidateFacts facts) {
        sessions.acquireUninterruptibly();
        try {
            return fireAdmitted(protocol, facts);
        } finally {
            sessions.release();
        }
    }

    private List<Findings.Finding> fireAdmitted(CompiledProtocol protocol, CandidateFacts facts) {
        ResidentSessions pool = protocol.residentSessions(EligibilityEngine.class, Criterion.class,
                s -> insertCriteria(s, protocol));
        if (!pool.usable()) {
            return fireInFreshSession(protocol, facts);
        }
        Findings findings = new Findings();
        ResidentSessions.Prepared prepared = null;
        boolean reusable = false;
        try {
            prepared = pool.borrow();
            KieSession session = prepared.session();
            session.setGlobal("findings", findings);
            List<FactHandle> inserted = insertRequestFacts(session, facts);
            fireWithinLimit(protocol, session);
            for (FactHandle h : inserted) {
                session.delete(h);
            }
            reusable = true;
        } catch (RulesExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(protocol, e);
        } finally {
            if (prepared != null) {
                if (reusable) {
                    pool.giveBack(prepared);
                } else {
                    pool.discard(prepared);
                }
            }
        }
        return findings.all();
    }

    /** For a protocol with a rule that matches only criteria (see {@link ResidentSessions#usable()}). */
    private List<Findings.Finding> fireInFreshSession(CompiledProtocol protocol, CandidateFacts facts) {
        Findings findings = new Findings();
        KieSession session = protocol.kieBase().newKieSession();
        try {
            session.setGlobal("findings", findings);
            insertCriteria(session, protocol);
            insertRequestFacts(session, facts);
            fireWithinLimit(protocol, session);
        } catch (RulesExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(protocol, e);
        } finally {
            session.dispose();
        }
        return findings.all();
    }

    private static List<FactHandle> insertRequestFacts(KieSession session, CandidateFacts facts) {
        List<FactHandle> inserted = new ArrayList<>(4 + facts.labs.size());
        inserted.add(session.insert(facts.person));
        inserted.add(session.insert(facts.art));
        inserted.add(session.insert(facts.history));
        inserted.add(session.insert(facts.asOf));
        for (Lab lab : facts.labs) {
            inserted.add(session.insert(lab));
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

    /** The facts every assessment shares: one {@link Criterion} per criterion of the protocol, inserted once per session. */
    private static void insertCriteria(KieSession session, CompiledProtocol protocol) {
        for (CriterionDefinition c : protocol.definition().criteria()) {
            session.insert(new Criterion(c));
        }
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

    private static Outcome verdict(CompiledProtocol protocol, List<Findings.Finding> findings) {
        List<CriterionResult> results = new ArrayList<>(protocol.definition().criteria().size());
        List<Status> statuses = new ArrayList<>(protocol.definition().criteria().size());
        for (CriterionDefinition c : protocol.definition().criteria()) {
            Findings.Finding f = null;
            boolean contradicted = false;
            for (Findings.Finding candidate : findings) {
                if (candidate.criterionId().equals(c.id())) {
                    contradicted |= f != null && f.status() != candidate.status();
                    f = f == null ? candidate : f;
                }
            }
            if (contradicted) {
                throw new RulesExecutionException("rules " + findings.stream()
                        .filter(x -> x.criterionId().equals(c.id())).map(x -> "'" + x.rule() + "'")
                        .distinct().collect(Collectors.joining(", ")) + " decide criterion " + c.id()
                        + " differently: the rules contradict each other; no verdict was produced");
            }
            CriterionResult result = f == null
                    ? new CriterionResult(c.id(), c.title(), c.type(), Status.UNKNOWN, null, null,
                            c.renderedThreshold(), c.unit(), null, c.source(), c.restsOnAssumption(),
                            "no rule decided this criterion for this input: report it to the rules' maintainers")
                    : new CriterionResult(c.id(), c.title(), c.type(), f.status(), f.observed(), f.observedOn(),
                            c.renderedThreshold(), c.unit(), f.rule(), f.source() == null ? c.source() : f.source(),
                            c.restsOnAssumption(), f.settleBy());
            results.add(result);
            statuses.add(result.status());
        }
        return new Outcome(Verdict.of(statuses), results);
    }
}
