package org.il7cds.engine.eligibility;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.il7cds.engine.rules.CompiledProtocol;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.DecidingRule;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * What the eligibility engine keeps per compiled protocol: the protocol's {@link Criterion} facts and the texts of
 * its verdict lines (made once), and a pool of sessions on its eligibility knowledge base, each with its
 * {@link DecidingRule} listener and {@link Findings} global. Public KIE API only: a request borrows a session,
 * inserts its facts, fires, deletes every fact it inserted, and gives it back. When the rules allow it
 * ({@link CompiledProtocol#criteriaResident()}) the criteria are inserted once per session and stay; otherwise they
 * are facts of each request. A session is kept only when it holds exactly its resident facts afterwards and the
 * protocol's rules allow it ({@link CompiledProtocol#sessionsReusable()}); otherwise, and when the rules failed, it
 * is disposed. At most one idle session per core is kept.
 */
final class EligibilitySessions {

    /** A session with the listener and global it was made with. */
    record Pooled(KieSession session, Findings findings) {
    }

    private final KieBase kieBase;
    private final boolean reusable;
    private final boolean declaresFindings;
    /** Whether the criteria stay inserted in a kept session (else each request inserts them). */
    final boolean criteriaResident;
    private final int maxIdle = Runtime.getRuntime().availableProcessors();
    private final ConcurrentLinkedQueue<Pooled> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    final List<Criterion> criteria;
    final String[] titles;
    final String[] thresholds;
    final boolean[] assumptions;

    EligibilitySessions(CompiledProtocol protocol) {
        this.kieBase = protocol.eligibilityRules();
        this.reusable = protocol.sessionsReusable();
        this.criteriaResident = protocol.criteriaResident();
        this.declaresFindings = kieBase.getKiePackages().stream()
                .anyMatch(p -> p.getGlobalVariables().stream().anyMatch(g -> g.getName().equals("findings")));
        List<CriterionDefinition> defs = protocol.definition().criteria();
        this.criteria = defs.stream().map(Criterion::new).toList();
        this.titles = defs.stream().map(CriterionDefinition::displayTitle).toArray(String[]::new);
        this.thresholds = defs.stream().map(CriterionDefinition::renderedThreshold).toArray(String[]::new);
        this.assumptions = new boolean[defs.size()];
        for (int i = 0; i < defs.size(); i++) {
            assumptions[i] = defs.get(i).restsOnAssumption();
        }
    }

    Pooled borrow() {
        Pooled p = idle.poll();
        if (p != null) {
            idleCount.decrementAndGet();
            return p;
        }
        KieSession session = kieBase.newKieSession();
        DecidingRule deciding = new DecidingRule();
        session.addEventListener(deciding);
        Findings findings = new Findings(deciding);
        if (declaresFindings) {
            session.setGlobal("findings", findings);
        }
        if (criteriaResident) {
            try {
                criteria.forEach(session::insert);
            } catch (RuntimeException e) {
                session.dispose();
                throw e;
            }
        }
        return new Pooled(session, findings);
    }

    /** Returns a session whose request facts have all been deleted; any other is disposed. */
    void giveBack(Pooled p) {
        long resident = criteriaResident ? criteria.size() : 0;
        if (!reusable || p.session().getFactCount() != resident) {
            p.session().dispose();
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            p.session().dispose();
            return;
        }
        idle.offer(p);
    }

    /** Disposes a session that must not be reused (the rules failed part-way). */
    void discard(Pooled p) {
        p.session().dispose();
    }

    /** Sessions kept between requests (for tests). */
    int idleCount() {
        return idleCount.get();
    }
}
