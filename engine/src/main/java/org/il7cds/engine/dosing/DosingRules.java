package org.il7cds.engine.dosing;

import java.util.function.Consumer;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.rules.DecidingRule;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Runs a protocol's dosing rules (its own knowledge base, apart from eligibility) on one request's facts, in a fresh
 * session with a {@link DecidingRule} listener, and returns what they decided.
 */
final class DosingRules {

    /** Rule firings allowed per plan before the dosing rules are declared runaway. */
    static final int FIRING_LIMIT = DosingEngine.FIRING_LIMIT;

    private DosingRules() {
    }

    static DosingDecisions fire(KieBase rules, DosingProtocol protocolFact, DoseOrder order, EligibilityGate gate,
            Consumer<String> firedRules) {
        DecidingRule deciding = new DecidingRule();
        DosingDecisions decisions = new DosingDecisions(deciding);
        KieSession session = rules.newKieSession();
        try {
            session.addEventListener(deciding);
            if (firedRules != null) {
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        firedRules.accept(event.getMatch().getRule().getName());
                    }
                });
            }
            session.setGlobal("decisions", decisions);
            session.insert(protocolFact);
            session.insert(order);
            if (gate != null) {
                session.insert(gate);
            }
            int fired = session.fireAllRules(FIRING_LIMIT);
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
}
