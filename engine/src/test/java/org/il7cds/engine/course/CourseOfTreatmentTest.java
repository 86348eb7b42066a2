package org.il7cds.engine.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.dosing.EligibilityOverride;
import org.il7cds.engine.dosing.MonitoringVisit;
import org.il7cds.engine.dosing.OverrideReason;
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
        DosingCalendar calendar = planCycle(cycleRequest("549", null), history(LocalDate.of(2026, 6, 1)));
        assertThat(calendar.eligibility()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(calendar.doses()).extracting(ScheduledDose::date).containsExactly(LocalDate.of(2026, 12, 7),
                LocalDate.of(2026, 12, 14), LocalDate.of(2026, 12, 21));
        assertThat(calendar.doses()).allSatisfy(d -> assertThat(d.doseUg()).isEqualByComparingTo("1400"));
        // The same dosing rules as a first course: the same doses and visits, under an id of its own.
        DosingCalendar first = Engines.dosing().plan(Engines.packagedRules(), cycleRequest("250", null), Engines.CLOCK);
        assertThat(calendar.doses()).extracting(ScheduledDose::date)
                .isEqualTo(first.doses().stream().map(ScheduledDose::date).toList());
        assertThat(calendar.visits()).extracting(MonitoringVisit::date)
                .isEqualTo(first.visits().stream().map(MonitoringVisit::date).toList());
        assertThat(calendar.calendarId()).isNotEqualTo(first.calendarId());
        // Suppressed throughout: no monitoring action on any visit, and a note that says the results were looked at.
        assertThat(calendar.visits()).allSatisfy(v -> assertThat(v.actions()).isEmpty());
        assertThat(calendar.notes()).anyMatch(n -> n.startsWith("monitoring before this cycle") && n.endsWith(
                "no action due"));
    }

    @Test
    void aNewCycleAtTheThresholdOrOneDayTooEarlyGetsNoCalendarButTheDecision() {
        assertThatThrownBy(() -> planCycle(cycleRequest("550", null), history(LocalDate.of(2026, 6, 1))))
                .isInstanceOfSatisfying(CycleNotIndicatedException.class, e -> {
                    assertThat(e.decision().decision()).isEqualTo(RetreatmentDecision.Decision.NOT_INDICATED);
                    assertThat(e.decision().earliestDate()).isNull();
                    assertThat(e.decision().settleBy()).anyMatch(s -> s.startsWith("cd4-below-retreatment"));
                });
        // Last dose 2026-09-15, first injection 2026-12-07: 83 days, one short of the 84 assumed.
        assertThatThrownBy(() -> planCycle(cycleRequest("480", null), history(LocalDate.of(2026, 9, 1))))
                .isInstanceOfSatisfying(CycleNotIndicatedException.class, e -> {
                    assertThat(e.decision().earliestDate()).isEqualTo(LocalDate.of(2026, 12, 8));
                    assertThat(e.assessment().asOf()).isEqualTo(LocalDate.of(2026, 12, 7));
                });
        assertThat(planCycle(cycleRequest("480", null), history(LocalDate.of(2026, 8, 31))).doses()).hasSize(3);
    }

    @Test
    void aNewCycleNeedsAKnownCourseHistoryGivenBeforeThePlanningDate() {
        assertThatThrownBy(() -> planCycle(cycleRequest("480", null), null)).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactly("previousCycles"));
        assertThatThrownBy(() -> planCycle(cycleRequest("480", null), List.of())).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.problems().get(0).message()).contains("first course"));
        // A dose after the planning date (today), a dose missing and a bad weight: every problem at once.
        List<PreviousCycle> bad = List.of(new PreviousCycle("inspire-2", new BigDecimal("20"),
                java.util.Arrays.asList(LocalDate.of(2026, 11, 1), null, LocalDate.of(2026, 11, 27))));
        assertThatThrownBy(() -> planCycle(cycleRequest("480", null), bad)).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactly("previousCycles[0].doseDates[2]"));
        List<PreviousCycle> empty = java.util.Arrays.asList(new PreviousCycle(null, null,
                java.util.Arrays.asList((LocalDate) null)), null);
        CalendarRequest heavy = new CalendarRequest("inspire-2", new BigDecimal("20"), new BigDecimal("900"),
                TODAY.minusDays(2), LocalDate.of(2026, 12, 7), null, List.of(), null, null, null,
                Candidates.eligible(TODAY).build(), null);
        assertThatThrownBy(() -> planCycle(heavy, empty)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(p -> p.field()).contains("previousCycles[0].doseDates[0]",
                        "previousCycles[1].doseDates", "weightKg"));
        assertThatThrownBy(() -> planCycle(new CalendarRequest("levy-2009", new BigDecimal("10"),
                new BigDecimal("70"), TODAY.minusDays(2), LocalDate.of(2026, 12, 7), null, List.of(), null, null, null,
                Candidates.eligible(TODAY).build(), null), history(LocalDate.of(2026, 6, 1))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("protocolId"));
    }

    @Test
    void aRepeatTestDueAfterABlipIsOnTheFirstVisitOfTheNewCycleInsideItsWindowWithItsRule() {
        // The latest HIV-1 RNA, 150 copies/mL on 2026-11-19, is a blip: not re-suppressed, so the cycle is not
        // indicated; under an approved protocol deviation the calendar is given, and its day-0 visit (2026-12-07, in
        // the 2-6 week window 2026-12-03..2026-12-31) carries the repeat test.
        DosingCalendar c = planCycle(cycleRequest(blip(TODAY.minusDays(7)), DEVIATION), history(LocalDate.of(2026, 8, 3)));
        assertThat(c.override()).isEqualTo(DEVIATION);
        MonitoringVisit d0 = c.visits().get(0);
        assertThat(d0.courseDay()).isZero();
        assertThat(d0.actions()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("REPEAT_HIV_RNA");
            assertThat(a.dueFrom()).isEqualTo(LocalDate.of(2026, 12, 3));
            assertThat(a.dueBy()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(a.basedOn()).isEqualTo(TODAY.minusDays(7));
            assertThat(a.rule()).startsWith("Blip");
            assertThat(a.source()).contains("BHIVA");
        });
        assertThat(c.visits().subList(1, c.visits().size())).allSatisfy(v -> assertThat(v.actions()).isEmpty());
    }

    @Test
    void aRepeatTestNoVisitOfTheNewCycleCanTakeGetsAVisitOfItsOwn() {
        // A blip on 2026-10-20: repeat due by 2026-12-01, before the first injection; from the planning date on.
        DosingCalendar c = planCycle(cycleRequest(blip(LocalDate.of(2026, 10, 20)), DEVIATION),
                history(LocalDate.of(2026, 8, 3)));
        MonitoringVisit own = c.visits().get(0);
        assertThat(own.id()).isEqualTo(c.calendarId() + "-A1");
        assertThat(own.label()).isEqualTo("Repeat HIV-1 RNA");
        assertThat(own.date()).isEqualTo(TODAY);
        assertThat(own.courseDay()).isEqualTo(-11);
        assertThat(own.labs()).containsExactly("HIV_RNA");
        assertThat(own.actions()).singleElement().satisfies(a -> {
            assertThat(a.dueBy()).isEqualTo(LocalDate.of(2026, 12, 1));
            assertThat(a.overdue()).isFalse();
        });
        assertThat(c.visits()).extracting(MonitoringVisit::date).isSorted();
    }

    @Test
    void aFailureConfirmedDuringThePreviousCycleIsOnTheCalendarAsOverdueActionsWithANote() {
        // 450 then 800 copies/mL during the previous cycle (confirmed failure), below 20 again on 2026-11-19: the
        // re-treatment criteria see the re-suppression and indicate a cycle; the monitoring rules still say that
        // failure was confirmed, so its actions (overdue) and a note are on the calendar for the clinician.
        Candidate c = Candidates.eligible(TODAY).lab(LabKind.CD4_COUNT, "480", "cells/uL").without(LabKind.HIV_RNA)
                .plus(LabResult.parse(LabKind.HIV_RNA, "<20", "copies/mL", LocalDate.of(2026, 7, 27)))
                .plus(LabResult.parse(LabKind.HIV_RNA, "450", "copies/mL", LocalDate.of(2026, 8, 17)))
                .plus(LabResult.parse(LabKind.HIV_RNA, "800", "copies/mL", LocalDate.of(2026, 8, 31)))
                .plus(LabResult.parse(LabKind.HIV_RNA, "<20", "copies/mL", TODAY.minusDays(7))).build();
        DosingCalendar calendar = planCycle(cycleRequest(c, null), history(LocalDate.of(2026, 8, 3)));
        assertThat(calendar.eligibility()).isEqualTo(Verdict.ELIGIBLE);
        List<MonitoringVisit> own = calendar.visits().stream().filter(v -> v.id().contains("-A")).toList();
        assertThat(own).extracting(v -> v.actions().get(0).action())
                .containsExactlyInAnyOrder("STOP_IL7", "REFER_HIV_SPECIALIST", "REVIEW_ART");
        assertThat(own).allSatisfy(v -> {
            assertThat(v.date()).isEqualTo(TODAY);
            assertThat(v.actions().get(0).overdue()).isTrue();
            assertThat(v.actions().get(0).rule()).startsWith("Virological failure");
        });
        assertThat(calendar.notes()).anyMatch(n -> n.contains("virological failure was confirmed (STOP_IL7)"));
    }

    private static final EligibilityOverride DEVIATION = new EligibilityOverride(
            OverrideReason.PROTOCOL_DEVIATION_APPROVED, "Dr Investigator", null);

    private static DosingCalendar planCycle(CalendarRequest request, List<PreviousCycle> cycles) {
        return retreatment().planCycle(Engines.packagedRules(), request, cycles, Engines.CLOCK, null);
    }

    /** CD4 480 and HIV-1 RNA below 20 before the previous cycle, then 150 copies/mL on {@code on}. */
    private static Candidate blip(LocalDate on) {
        return Candidates.eligible(TODAY).lab(LabKind.CD4_COUNT, "480", "cells/uL").without(LabKind.HIV_RNA)
                .plus(LabResult.parse(LabKind.HIV_RNA, "<20", "copies/mL", LocalDate.of(2026, 7, 27)))
                .plus(LabResult.parse(LabKind.HIV_RNA, "150", "copies/mL", on)).build();
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
        return new RetreatmentEngine(rules, Engines.eligibility(), Engines.dosing(),
                new MonitoringEngine(rules, Engines.CLOCK), Engines.CLOCK);
    }

    /** One previous cycle of three weekly doses from {@code first}. */
    private static List<PreviousCycle> history(LocalDate first) {
        return List.of(new PreviousCycle("inspire-2", new BigDecimal("20"),
                List.of(first, first.plusDays(7), first.plusDays(14))));
    }

    private static CalendarRequest cycleRequest(String cd4, EligibilityOverride override) {
        return cycleRequest(Candidates.eligible(TODAY).lab(LabKind.CD4_COUNT, cd4, "cells/uL").build(), override);
    }

    private static CalendarRequest cycleRequest(Candidate c, EligibilityOverride override) {
        return new CalendarRequest("inspire-2", new BigDecimal("20"), new BigDecimal("70"), TODAY.minusDays(2),
                LocalDate.of(2026, 12, 7), null, List.of(), null, null, null, c, override);
    }
}
