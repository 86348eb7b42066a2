package org.il7cds.engine.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.Bundles;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.junit.jupiter.api.Test;

class ImpactPreviewTest {

    private static final LocalDate AS_OF = Engines.TODAY;

    private static Candidate cd4(String id, String value) {
        return Candidates.eligible(AS_OF).id(id).lab(LabKind.CD4_COUNT, value, "cells/uL").build();
    }

    @Test
    void theCd4AmendmentListsExactlyTheCandidatesWhoseVerdictChanges() {
        RuleSet amended = RuleSetCompiler.compile(Bundles.cd4UpperBound350());
        List<Candidate> snapshots = List.of(cd4("A-100", "100"), cd4("B-350", "350"), cd4("C-351", "351"),
                cd4("D-400", "400"), cd4("E-401", "401"), cd4("F-NONE", "250"),
                Candidates.eligible(AS_OF).id("G-UNKNOWN").without(LabKind.CD4_COUNT).build());

        ImpactPreview.Report report = ImpactPreview.compare(Engines.packagedRules(), amended, "levy-2009", snapshots,
                AS_OF, Engines.CLOCK);

        assertThat(report.verdictChanges()).extracting(ImpactPreview.CandidateImpact::candidateId)
                .containsExactly("C-351", "D-400");
        assertThat(report.verdictChanges()).allSatisfy(c -> {
            assertThat(c.before()).isEqualTo(Verdict.ELIGIBLE);
            assertThat(c.after()).isEqualTo(Verdict.NOT_ELIGIBLE);
            assertThat(c.changes()).singleElement().satisfies(ch -> {
                assertThat(ch.criterionId()).isEqualTo("cd4-count");
                assertThat(ch.before()).isEqualTo(Status.MET);
                assertThat(ch.after()).isEqualTo(Status.NOT_MET);
                assertThat(ch.thresholdBefore()).startsWith("100–400");
                assertThat(ch.thresholdAfter()).startsWith("100–350");
                assertThat(ch.ruleAfter()).isEqualTo("CD4+ T-cell count: outside the range");
            });
        });
        assertThat(report.candidateHash()).isEqualTo(amended.contentHash());
    }
}
