package org.il7cds.engine.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void notMetWinsOverUnknown() {
        assertThat(Verdict.of(List.of(Status.MET, Status.UNKNOWN, Status.NOT_MET))).isEqualTo(Verdict.NOT_ELIGIBLE);
    }

    @Test
    void unknownWithoutNotMetIsIncomplete() {
        assertThat(Verdict.of(List.of(Status.MET, Status.UNKNOWN))).isEqualTo(Verdict.INCOMPLETE);
    }

    @Test
    void eligibleOnlyWhenEveryCriterionIsMet() {
        assertThat(Verdict.of(List.of(Status.MET, Status.MET))).isEqualTo(Verdict.ELIGIBLE);
    }

    @Test
    void noCriteriaIsNeverEligible() {
        assertThat(Verdict.of(List.of())).isEqualTo(Verdict.INCOMPLETE);
    }
}
