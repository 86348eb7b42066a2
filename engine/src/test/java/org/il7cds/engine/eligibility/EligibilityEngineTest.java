package org.il7cds.engine.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.junit.jupiter.api.Test;

class EligibilityEngineTest {

    private static final LocalDate AS_OF = Engines.TODAY;
    private final EligibilityEngine engine = Engines.eligibility();

    @Test
    void aCandidateMeetingEveryCriterionIsEligibleAndEachCriterionExplainsItself() {
        Assessment a = engine.assess(Candidates.eligible(AS_OF).build(), AS_OF);
        assertThat(a.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(a.criteria()).hasSize(14).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(Status.MET);
            assertThat(c.rule()).isNotBlank();
            assertThat(c.source()).isNotBlank();
        });
        assertThat(a.rulesHash()).startsWith("sha256:");
        assertThat(a.protocolId()).isEqualTo("levy-2009");
    }
}
