package org.il7cds.engine.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.CalendarRequest;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.ScheduledDose;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.PreviousCycle;
import org.il7cds.engine.eligibility.ProtocolComparison;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.ActiveRules;
import org.junit.jupiter.api.Test;

/** The course of treatment through the engine's public API: several protocols at once, a new cycle's calendar. */
class CourseOfTreatmentTest {

    private static final LocalDate TODAY = Engines.TODAY;

    @Test
    void aCandidateIsAssessedAgainstEveryProtocolAndEachOtherSaysWhyNot() {
        Candidate c = Candidates.eligible(TODAY).build();
        ProtocolComparison all = ProtocolComparison.of(Engines.eligibility(), Engines.packagedRules(), null, c, TODAY,
                Engines.CLOCK);
        assertThat(all.assessments()).extracting(Assessment::protocolId)
                .containsExactly("a5214", "inspire-2", "inspire-3", "levy-2009");
        assertThat(all.eligibleFor()).containsExactly("a5214", "inspire-2", "levy-2009");
        Assessment inspire3 = all.assessments().get(2);
        // One CD4 and one HIV-1 RNA result: INSPIRE 3's history criteria cannot be met on a single snapshot.
        assertThat(inspire3.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(inspire3.criteria()).filteredOn(r -> r.status() != Status.MET).extracting(CriterionResult::criterionId)
                .containsExactly("cd4-history", "hiv-rna-history");
    }

    @Test
    void aChosenListIsAssessedInItsOrderAndAnUnknownProtocolIsRefused() {
        Candidate c = Candidates.eligible(TODAY).lab(LabKind.CD4_COUNT, "450", "cells/uL").build();
        ProtocolComparison two = ProtocolComparison.of(Engines.eligibility(), Engines.packagedRules(),
                List.of("levy-2009", "a5214", "levy-2009"), c, TODAY, Engines.CLOCK);
        assertThat(two.assessments()).extracting(Assessment::protocolId).containsExactly("levy-2009", "a5214");
        assertThat(two.eligibleFor()).containsExactly("a5214");
        assertThatThrownBy(() -> ProtocolComparison.of(Engines.eligibility(), Engines.packagedRules(),
                List.of("a5214", "no-such"), c, TODAY, Engines.CLOCK)).isInstanceOf(UnknownProtocolException.class);
    }

    @Test
    void aNewCycleIndicatedGetsItsCalendarFromTheSameDosingRules() {
        RetreatmentEngine engine = retreatment();
        DosingCalendar calendar = engine.planCycle(Engines.packagedRules(), cycleRequest("480"),
                history(), Engines.CLOCK, null);
        assertThat(calendar.eligibility()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(calendar.doses()).extracting(ScheduledDose::date).containsExactly(LocalDate.of(2026, 12, 7),
                LocalDate.of(2026, 12, 14), LocalDate.of(2026, 12, 21));
        assertThat(calendar.doses()).allSatisfy(d -> assertThat(d.doseUg()).isEqualByComparingTo("1400"));
    }

    @Test
    void aNewCycleNotIndicatedGetsNoCalendar() {
        assertThatThrownBy(() -> retreatment().planCycle(Engines.packagedRules(), cycleRequest("600"), history(),
                Engines.CLOCK, null)).isInstanceOf(CalendarRefusedException.class);
    }

    @Test
    void aProtocolWithoutCyclesOrMonitoringSaysSoAsBadInput() {
        RetreatmentRequest r = new RetreatmentRequest("levy-2009", Candidates.eligible(TODAY).build(), List.of(), TODAY);
        assertThatThrownBy(() -> retreatment().decide(Engines.packagedRules(), r, Engines.CLOCK))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("defines no repeat cycles");
        MonitoringEngine monitoring = new MonitoringEngine(new ActiveRules(Engines.packagedRules()), Engines.CLOCK);
        assertThatThrownBy(() -> monitoring.assess(new MonitoringRequest("levy-2009", Candidates.eligible(TODAY).build(),
                List.of(TODAY.minusDays(2)), TODAY))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("defines no on-treatment monitoring");
    }

    @Test
    void aMonitoringAnswerNamesTheRuleAndSourceOfEveryAction() {
        MonitoringEngine monitoring = new MonitoringEngine(new ActiveRules(Engines.packagedRules()), Engines.CLOCK);
        Candidate c = Candidates.eligible(TODAY).without(LabKind.HIV_RNA)
                .plus(LabResult.parse(LabKind.HIV_RNA, "<20", "copies/mL", TODAY.minusDays(30)))
                .plus(LabResult.parse(LabKind.HIV_RNA, "150", "copies/mL", TODAY.minusDays(1))).build();
        MonitoringAnswer a = monitoring.assess(new MonitoringRequest("inspire-2", c,
                List.of(TODAY.minusDays(14), TODAY.minusDays(7), TODAY), TODAY));
        assertThat(a.actions()).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo("REPEAT_HIV_RNA");
            assertThat(x.dueBy()).isEqualTo(TODAY.minusDays(1).plusDays(42));
            assertThat(x.rule()).startsWith("Blip");
            assertThat(x.source()).contains("BHIVA");
        });
        assertThat(a.results()).extracting(MonitoringAnswer.Result::classification)
                .containsExactly("BASELINE", "BLIP");
    }

    private static RetreatmentEngine retreatment() {
        ActiveRules rules = new ActiveRules(Engines.packagedRules());
        return new RetreatmentEngine(rules, Engines.eligibility(), Engines.dosing(), Engines.CLOCK);
    }

    private static RetreatmentRequest history() {
        return new RetreatmentRequest("inspire-2", null, List.of(new PreviousCycle("inspire-2", new BigDecimal("20"),
                List.of(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 8), LocalDate.of(2026, 6, 15)))), null);
    }

    private static CalendarRequest cycleRequest(String cd4) {
        Candidate c = Candidates.eligible(TODAY).lab(LabKind.CD4_COUNT, cd4, "cells/uL").build();
        return new CalendarRequest("inspire-2", new BigDecimal("20"), new BigDecimal("70"), TODAY.minusDays(2),
                LocalDate.of(2026, 12, 7), null, List.of(), null, null, null, c, null);
    }
}
