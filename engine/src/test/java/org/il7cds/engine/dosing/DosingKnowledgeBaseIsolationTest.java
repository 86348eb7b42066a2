package org.il7cds.engine.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.CompiledProtocol;
import org.junit.jupiter.api.Test;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Dosing rules live in the same KieBase as the eligibility rules (RuleSetCompiler compiles every DRL of the
 * protocol folder together). A dosing session, with only the {@code decisions} global set and no agenda
 * filter, fires dosing rules only; an unset global is fine only as long as no rule using it fires.
 */
class DosingKnowledgeBaseIsolationTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 12, 7);

    private final CompiledProtocol protocol = Engines.packagedRules().protocol("levy-2009").orElseThrow();

    private DosingProtocol protocolFact() {
        return new DosingProtocol("levy-2009", protocol.definition().dosing().orElseThrow());
    }

    private static DoseOrder order() {
        return new DoseOrder(new BigDecimal("10"), new BigDecimal("70"), FIRST.minusDays(3), FIRST, null, null);
    }

    @Test
    void aDosingSessionFiresOnlyDosingRulesEvenWithoutTheAgendaFilter() {
        List<String> fired = new ArrayList<>();
        DosingDecisions decisions = new DosingDecisions();
        KieSession session = protocol.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getPackageName() + ": " + event.getMatch().getRule().getName());
                }
            });
            session.setGlobal("decisions", decisions);
            session.insert(protocolFact());
            session.insert(order());
            session.insert(new EligibilityGate(Verdict.ELIGIBLE, null));

            assertThat(session.fireAllRules()).isEqualTo(3);
            assertThat(session.getGlobal("findings")).as("the eligibility global is left unset").isNull();
        } finally {
            session.dispose();
        }
        assertThat(fired).containsExactlyInAnyOrder(
                "il7cds.levy2009.dosing: Eligibility gate: ELIGIBLE candidate",
                "il7cds.levy2009.dosing: Dose per injection: weight × dose level, with the declared rounding",
                "il7cds.levy2009.dosing: High dose level: monitor HIV-1 RNA for transient viral replication");
        assertThat(decisions.doses()).singleElement().satisfies(d -> assertThat(d).isEqualByComparingTo("700"));
    }

    @Test
    void anUnsetGlobalFailsLoudlyWhenARuleUsingItFires() {
        // Why isolation matters: a rule whose global is not set throws when it fires (never a silent no-op).
        KieSession session = protocol.kieBase().newKieSession();
        try {
            session.insert(protocolFact());
            session.insert(order());
            assertThatThrownBy(session::fireAllRules).hasRootCauseInstanceOf(NullPointerException.class);
        } finally {
            session.dispose();
        }
    }
}
