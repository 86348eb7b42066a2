package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.atomic.AtomicInteger;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.fixtures.ProbeRules;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The pool hands a session back out only when it holds nothing but its resident facts: a session with anything
 * left of a request, or one the rules failed in, is disposed and never reused.
 */
class ResidentSessionsTest {

    private final KieBase kieBase = Engines.packagedRules().protocol("levy-2009").orElseThrow().kieBase();
    private final AtomicInteger prepared = new AtomicInteger();

    private ResidentSessions pool(int maxIdle) {
        return new ResidentSessions(kieBase, String.class, s -> {
            prepared.incrementAndGet();
            s.insert("resident-1");
            s.insert("resident-2");
        }, maxIdle);
    }

    @Test
    void aCleanSessionIsReusedWithoutPreparingItAgain() {
        ResidentSessions pool = pool(2);
        ResidentSessions.Prepared first = pool.borrow();
        assertThat(first.residentFacts()).isEqualTo(2);
        FactHandle request = first.session().insert("request fact");
        first.session().delete(request);
        pool.giveBack(first);

        ResidentSessions.Prepared again = pool.borrow();
        assertThat(again.session()).isSameAs(first.session());
        assertThat(disposed(again.session())).isFalse();
        assertThat(again.session().getFactCount()).isEqualTo(2);
        assertThat(prepared).hasValue(1);
    }

    @Test
    void aSessionStillHoldingARequestFactIsDisposedNotReused() {
        ResidentSessions pool = pool(2);
        ResidentSessions.Prepared dirty = pool.borrow();
        dirty.session().insert("left behind");
        pool.giveBack(dirty);

        assertThat(disposed(dirty.session())).isTrue();
        assertThat(pool.idleCount()).isZero();
        ResidentSessions.Prepared next = pool.borrow();
        assertThat(next.session()).isNotSameAs(dirty.session());
        assertThat(next.session().getFactCount()).isEqualTo(2);
        assertThat(prepared).hasValue(2);
    }

    @Test
    void noMoreThanMaxIdleSessionsAreKept() {
        ResidentSessions pool = pool(2);
        ResidentSessions.Prepared a = pool.borrow();
        ResidentSessions.Prepared b = pool.borrow();
        ResidentSessions.Prepared c = pool.borrow();
        pool.giveBack(a);
        pool.giveBack(b);
        pool.giveBack(c);
        assertThat(pool.idleCount()).isEqualTo(2);
        assertThat(disposed(c.session())).isTrue();
        KieSession[] reused = {pool.borrow().session(), pool.borrow().session()};
        assertThat(reused).containsExactlyInAnyOrder(a.session(), b.session());
        assertThat(pool.borrow().session()).isNotIn(a.session(), b.session(), c.session());
    }

    @Test
    void aDiscardedSessionIsNeverHandedOutAgain() {
        ResidentSessions pool = pool(2);
        ResidentSessions.Prepared failed = pool.borrow();
        pool.discard(failed);
        assertThat(disposed(failed.session())).isTrue();
        assertThat(pool.idleCount()).isZero();
        assertThat(pool.borrow().session()).isNotSameAs(failed.session());
    }

    /** Drools refuses most calls on a disposed session ("This session was previously disposed"). */
    private static boolean disposed(KieSession session) {
        Throwable t = catchThrowable(session::getIdentifier);
        if (t == null) {
            return false;
        }
        assertThat(t).isInstanceOf(IllegalStateException.class).hasMessageContaining("disposed");
        return true;
    }

    /** Every rule of the packaged rules matches a fact of the request, so their criteria can stay resident. */
    @Test
    void thePackagedRulesCanKeepTheirCriteriaResident() {
        assertThat(ResidentSessions.rulesMatchingOnlyResidentFacts(kieBase,
                org.il7cds.engine.eligibility.Criterion.class)).isEmpty();
        assertThat(new ResidentSessions(kieBase, org.il7cds.engine.eligibility.Criterion.class, s -> { }, 1).usable())
                .isTrue();
    }

    /** A rule matching only resident facts and an absence would fire once per session: such rules are named. */
    @Test
    void aRuleMatchingOnlyResidentFactsIsFound() {
        KieBase probe = RuleSetCompiler.compile(ProbeRules.withProbe()).protocol("levy-2009").orElseThrow().kieBase();
        assertThat(ResidentSessions.rulesMatchingOnlyResidentFacts(probe,
                org.il7cds.engine.eligibility.Criterion.class)).containsExactly(ProbeRules.PROBE);
    }
}
