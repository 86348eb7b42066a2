package org.il7cds.engine.rules;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Sessions on one knowledge base that keep the facts every request shares (the protocol's criteria) inserted
 * once, so that a request inserts, fires and deletes only its own facts. A request borrows a session, and either
 * returns it after deleting every fact it inserted ({@link #giveBack}: the pool checks that only the resident facts
 * remain, and disposes the session otherwise) or discards it ({@link #discard}) when the rules failed.
 *
 * <p>Thread-safe; a borrowed session belongs to one thread until it is given back. At most {@code maxIdle}
 * sessions are kept between requests.
 */
public final class ResidentSessions {

    private final KieBase kieBase;
    private final Consumer<KieSession> prepare;
    private final int maxIdle;
    private final ConcurrentLinkedQueue<Prepared> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** A session with its resident facts inserted, and how many there are. */
    public record Prepared(KieSession session, long residentFacts) {
    }

    /**
     * @param prepare inserts the resident facts into a new session (run once per session)
     */
    public ResidentSessions(KieBase kieBase, Consumer<KieSession> prepare, int maxIdle) {
        this.kieBase = kieBase;
        this.prepare = prepare;
        this.maxIdle = maxIdle;
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
        return new Prepared(session, session.getFactCount());
    }

    /**
     * Returns a session whose request facts have all been deleted; a session that still holds anything else, or
     * would exceed the idle limit, is disposed instead.
     */
    public void giveBack(Prepared p) {
        if (p.session().getFactCount() != p.residentFacts()) {
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
    public void discard(Prepared p) {
        p.session().dispose();
    }

    /** Sessions kept between requests (for tests). */
    public int idleCount() {
        return idleCount.get();
    }
}
