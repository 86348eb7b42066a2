package org.il7cds.engine.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.CompiledProtocol;
import org.junit.jupiter.api.Test;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * The dosing rules share the eligibility knowledge base: an eligibility session (only the {@code findings} global
 * set, the {@code decisions} global left unset) fires eligibility rules only, and the unset global is harmless.
 */
class EligibilitySessionIgnoresDosingRulesTest {

    @Test
    void anEligibilitySessionNeverFiresADosingRuleAndNeedsNoDosingGlobal() {
        CompiledProtocol protocol = Engines.packagedRules().protocol("levy-2009").orElseThrow();
        assertThat(protocol.kieBase().getKiePackage("il7cds.levy2009.dosing")).as("dosing rules are in the KieBase")
                .isNotNull();
        CandidateFacts facts = CandidateFacts.of(Candidates.eligible(Engines.TODAY).build(), Engines.TODAY,
                Engines.TODAY);
        List<String> firedPackages = new ArrayList<>();
        Findings findings = new Findings();
        KieSession session = protocol.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    firedPackages.add(event.getMatch().getRule().getPackageName());
                }
            });
            session.setGlobal("findings", findings);
            protocol.definition().criteria().forEach(c -> session.insert(new Criterion(c)));
            session.insert(facts.person);
            session.insert(facts.art);
            session.insert(facts.history);
            session.insert(facts.asOf);
            facts.labs.forEach(session::insert);
            int fired = session.fireAllRules();

            assertThat(session.getGlobal("decisions")).as("the dosing global is left unset").isNull();
            assertThat(fired).isEqualTo(14);
            assertThat(firedPackages).hasSize(14).allMatch("il7cds.levy2009"::equals);
            assertThat(findings.all()).hasSize(14);
        } finally {
            session.dispose();
        }
    }
}
