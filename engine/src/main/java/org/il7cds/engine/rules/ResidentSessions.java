package org.il7cds.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Sessions on one knowledge base that keep the facts every request shares (the protocol's criteria) inserted
 * once, so that a request inserts, fires and deletes only its own facts. A request borrows a session, and either
 * returns it after deleting every fact it inserted ({@link #giveBack}: the pool checks that exactly the resident
 * facts remain, and disposes the session otherwise) or discards it ({@link #discard}) when the rules failed.
 *
 * <p>Only safe when every rule matches a fact of the request: a rule whose positive patterns all match resident
 * facts (say, a criterion and the absence of a lab) would fire once per session, not once per request, because its
 * match never goes away. {@link #usable()} is false when any rule of the knowledge base is like that; the caller
 * then uses fresh sessions (see {@link #rulesMatchingOnlyResidentFacts}).
 *
 * <p>Thread-safe; a borrowed session belongs to one thread until it is given back. At most {@code maxIdle}
 * sessions are kept between requests.
 */
public final class ResidentSessions {

    private final KieBase kieBase;
    private final Consumer<KieSession> prepare;
    private final int maxIdle;
    private final List<String> unsafeRules;
    private final ConcurrentLinkedQueue<Prepared> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** A session with its resident facts inserted, and their handles. */
    public record Prepared(KieSession session, List<FactHandle> resident) {

        public long residentFacts() {
            return resident.size();
        }
    }

    /**
     * @param residentType the class of the resident facts
     * @param prepare inserts the resident facts into a new session (run once per session)
     */
    public ResidentSessions(KieBase kieBase, Class<?> residentType, Consumer<KieSession> prepare, int maxIdle) {
        this.kieBase = kieBase;
        this.prepare = prepare;
        this.maxIdle = maxIdle;
        this.unsafeRules = rulesMatchingOnlyResidentFacts(kieBase, residentType);
    }

    /** Whether the resident facts can be kept between requests (every rule matches a fact of the request). */
    public boolean usable() {
        return unsafeRules.isEmpty();
    }

    /**
     * The rules of a knowledge base that have no top-level positive pattern, outside {@code not}, {@code exists},
     * {@code or}, {@code from} and {@code accumulate}, on a class whose facts cannot be resident facts. Conservative:
     * a rule it cannot read counts as such a rule.
     */
    public static List<String> rulesMatchingOnlyResidentFacts(KieBase kieBase, Class<?> residentType) {
        List<String> unsafe = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (!(rule instanceof RuleImpl impl) || !matchesARequestFact(impl.getLhs(), residentType)) {
                    unsafe.add(rule.getName());
                }
            }
        }
        return List.copyOf(unsafe);
    }

    private static boolean matchesARequestFact(GroupElement lhs, Class<?> residentType) {
        if (lhs == null || !lhs.isAnd()) {
            return false;
        }
        for (RuleConditionElement child : lhs.getChildren()) {
            if (child instanceof Pattern p && p.getSource() == null && p.getObjectType() instanceof ClassObjectType type
                    && !type.getClassType().isAssignableFrom(residentType)) {
                return true;
            }
        }
        return false;
    }

    public Prepared borrow() {
        Prepared p = idle.poll();
        if (p != null) {
            idleCount.decrementAndGet();
            return p;
        }
        KieSession session = kieBase.newKieSession();
        try {
            prepare.accept(session);
        } catch (RuntimeException e) {
            session.dispose();
            throw e;
        }
        return new Prepared(session, List.copyOf(session.getFactHandles()));
    }

    /**
     * Returns a session whose request facts have all been deleted; a session that holds anything else or has lost a
     * resident fact, or would exceed the idle limit, is disposed instead.
     */
    public void giveBack(Prepared p) {
        if (!onlyResidentFacts(p)) {
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

    private static boolean onlyResidentFacts(Prepared p) {
        if (p.session().getFactCount() != p.residentFacts()) {
            return false;
        }
        for (FactHandle h : p.resident()) {
            if (p.session().getObject(h) == null) {
                return false;
            }
        }
        return true;
    }

    /** Disposes a session that must not be reused (the rules failed part-way). */
    public void discard(Prepared p) {
        p.session().dispose();
    }

    /** Sessions kept between requests (for tests). */
    public int idleCount() {
        return idleCount.get();
    }
}
