package org.il7cds.engine.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.CalendarRequests;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link DosingEngine}: placement, dose arithmetic, volumes, eligibility gate and input checks (levy-2009). */
class DosingEngineTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final Set<DayOfWeek> MON_TO_SAT = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);

    private final DosingEngine engine = Engines.dosing();

    private static List<LocalDate> dates(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).map(LocalDate::parse).toList();
    }

    private static List<LocalDate> doseDates(DosingCalendar c) {
        return c.doses().stream().map(ScheduledDose::date).toList();
    }

    // -------------------------------------------------------------------------------------- acceptance

    @Nested
    class PlanningDate {

        /** An engine whose today is a year after the request was written. */
        private final DosingEngine aYearLater = Engines.dosing(Clock.offset(Engines.CLOCK, Duration.ofDays(365)));

        @Test
        void aRequestWithItsPlanningDateGivesTheSameCalendarOnALaterDay() {
            CalendarRequests request = CalendarRequests.acceptance().asOf(Engines.TODAY);
            DosingCalendar then = engine.plan(request.build());
            DosingCalendar later = aYearLater.plan(request.build());

            assertThat(later).isEqualTo(then);
            assertThat(later.asOf()).isEqualTo(Engines.TODAY);
            assertThat(catchThrowableOfType(InvalidInputException.class,
                    () -> aYearLater.plan(CalendarRequests.acceptance().build())).problems())
                    .extracting(FieldProblem::field).contains("firstInjectionDate");
        }

        @Test
        void withoutAPlanningDateTheCalendarIsPlannedAsOfToday() {
            assertThat(engine.plan(CalendarRequests.acceptance().build()).asOf()).isEqualTo(Engines.TODAY);
        }

        @Test
        void theFirstInjectionMayBeOnThePlanningDateItself() {
            assertThat(engine.plan(CalendarRequests.acceptance().asOf(MONDAY).build()).doses()).hasSize(8);
        }
    }

    @Nested
    class CourseTotalsAndDeliveredDose {

        @Test
        void theDeliveredDoseIsWhatTheRoundedVolumeHolds() {
            // 82.3 kg x 3 µg/kg = 246.9, rounded to 247 µg; 247 / 1000 µg/mL = 0.247 mL, drawn as 0.25 mL = 250 µg.
            DosingCalendar c = engine.plan(CalendarRequests.acceptance().weightKg("82.3").doseLevel("3")
                    .concentration("1000").vialSize("200").build());

            assertThat(c.doses()).hasSize(8).allSatisfy(d -> {
                assertThat(d.doseUg()).isEqualByComparingTo("247");
                assertThat(d.volumeMl()).isEqualByComparingTo("0.25");
                assertThat(d.deliveredUg()).isEqualTo(new BigDecimal("250"));
            });
            assertThat(c.totals()).isEqualTo(new CourseTotals(8, new BigDecimal("1976"), new BigDecimal("2000"),
                    new BigDecimal("2.00"), new BigDecimal("200"), 16));
            assertThat(c.notes()).anyMatch(n -> n.startsWith("vials: ") && n.contains("single-use"));
        }

        @Test
        void withoutAConcentrationTheOrderedDoseCountsTheVials() {
            DosingCalendar c = engine.plan(CalendarRequests.acceptance().vialSize("700").build());

            assertThat(c.doses()).allSatisfy(d -> assertThat(d.deliveredUg()).isNull());
            assertThat(c.totals()).isEqualTo(new CourseTotals(8, new BigDecimal("5600"), null, null,
                    new BigDecimal("700"), 8));
        }

        @Test
        void theVialSizeIsPartOfTheCalendarId() {
            String without = engine.plan(CalendarRequests.acceptance().build()).calendarId();
            String with500 = engine.plan(CalendarRequests.acceptance().vialSize("500").build()).calendarId();
            String with1000 = engine.plan(CalendarRequests.acceptance().vialSize("1000").build()).calendarId();
            assertThat(List.of(without, with500, with1000)).doesNotHaveDuplicates();
            assertThat(engine.plan(CalendarRequests.acceptance().vialSize("500.0").build()).calendarId())
                    .isEqualTo(with500);
        }

        @Test
        void withoutAVialSizeNoVialsAreCounted() {
            CourseTotals t = engine.plan(CalendarRequests.acceptance().concentration("2000").build()).totals();
            assertThat(t.vials()).isNull();
            assertThat(t.vialSizeUg()).isNull();
            assertThat(t.deliveredUg()).isEqualByComparingTo("5600");
        }
    }

    @Test
    void acceptance70KgEligibleAt10UgPerKgFromMonday2026_12_07() {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().build());

        assertThat(doseDates(c)).containsExactlyElementsOf(
                dates("2026-12-07 2026-12-09 2026-12-11 2026-12-14 2026-12-16 2026-12-18 2026-12-21 2026-12-23"));
        assertThat(c.doses()).hasSize(8).allSatisfy(d -> {
            assertThat(d.doseUg()).isEqualByComparingTo("700");
            assertThat(d.volumeMl()).isNull();
            assertThat(d.sites()).isEmpty();
            assertThat(d.volumeRoundingErrorPercent()).isNull();
            assertThat(d.movedFrom()).isNull();
        });
        assertThat(c.doses()).extracting(ScheduledDose::courseDay).containsExactly(0, 2, 4, 7, 9, 11, 14, 16);
        assertThat(c.doses()).extracting(ScheduledDose::weekday).containsExactly(DayOfWeek.MONDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY,
                DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
        assertThat(c.doses()).extracting(ScheduledDose::id).containsExactly(c.calendarId() + "-D1",
                c.calendarId() + "-D2", c.calendarId() + "-D3", c.calendarId() + "-D4", c.calendarId() + "-D5",
                c.calendarId() + "-D6", c.calendarId() + "-D7", c.calendarId() + "-D8");
        assertThat(c.protocolId()).isEqualTo("levy-2009");
        assertThat(c.rulesVersion()).isEqualTo(Engines.packagedRules().version());
        assertThat(c.rulesHash()).isEqualTo(Engines.packagedRules().contentHash()).startsWith("sha256:");
        assertThat(c.eligibility()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(c.override()).isNull();
        assertThat(c.doseRounding()).isEqualTo("weight × dose level, rounded half-up to the nearest 1 µg"
                + " (assumption: no published rounding rule for this protocol)");
        assertThat(c.visits()).extracting(MonitoringVisit::courseDay).containsExactly(0, 14, 28, 56, 84, 168, 336);
        assertThat(c.visits()).first().satisfies(v -> {
            assertThat(v.id()).isEqualTo(c.calendarId() + "-V1");
            assertThat(v.date()).isEqualTo(MONDAY);
            assertThat(v.labs()).containsExactly("CD4_COUNT", "HIV_RNA");
            assertThat(v.assumption()).isTrue();
        });
        assertThat(c.visits()).last().satisfies(v -> assertThat(v.date()).isEqualTo(LocalDate.of(2027, 11, 8)));
        assertThat(c.notes()).anyMatch(n -> n.startsWith("dose 700 µg per injection = 70 kg × 10 µg/kg")
                && n.contains("rule 'Dose per injection"));
        assertThat(c.notes()).anyMatch(n -> n.contains("transient increases in HIV-1 RNA"));
        assertThat(c.notes()).anyMatch(n -> n.startsWith("assumptions (protocol.yaml dosing"));
        assertThat(c.notes()).anyMatch(n -> n.startsWith("no concentration given"));
    }

    @Test
    void theCalendarIdIsStableForTheSameRequestAndChangesWithIt() {
        String id = engine.plan(CalendarRequests.acceptance().build()).calendarId();
        assertThat(id).matches("cal-[0-9a-f]{16}");
        assertThat(engine.plan(CalendarRequests.acceptance().build()).calendarId()).isEqualTo(id);
        assertThat(engine.plan(CalendarRequests.acceptance().clinicDays(
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY)).build()).calendarId())
                .as("the default clinic days stated explicitly").isEqualTo(id);
        assertThat(engine.plan(CalendarRequests.acceptance().weightKg("70.0").build()).calendarId()).isEqualTo(id);
        assertThat(engine.plan(CalendarRequests.acceptance().weightKg("71").build()).calendarId()).isNotEqualTo(id);
        assertThat(engine.plan(CalendarRequests.acceptance()
                .candidate(Candidates.eligible(Engines.TODAY).id("CAND-002").build()).build()).calendarId())
                .as("another candidate never shares event UIDs").isNotEqualTo(id);
    }

    // --------------------------------------------------------------------------------------- placement

    /** Clinical reference §1.2 [D]: Mon/Wed/Fri, 8 doses on course days 0..16; the first dose is never moved. */
    @ParameterizedTest(name = "[{index}] {arguments}")
    @CsvSource(useHeadersInDisplayName = true, delimiter = '|', textBlock = """
        FIRST      | OUTCOME    | DETAIL
        2026-12-07 | PLACED     | 2026-12-07 2026-12-09 2026-12-11 2026-12-14 2026-12-16 2026-12-18 2026-12-21 2026-12-23
        2026-12-08 | INVALID    | is a TUESDAY, not a clinic day (MONDAY, WEDNESDAY, FRIDAY); the first dose is never moved: the next open clinic day is 2026-12-09 (WEDNESDAY)
        2026-12-09 | PLACED     | 2026-12-09 2026-12-11 2026-12-14 2026-12-16 2026-12-18 2026-12-21 2026-12-23 2026-12-25
        2026-12-10 | INVALID    | is a THURSDAY, not a clinic day (MONDAY, WEDNESDAY, FRIDAY); the first dose is never moved: the next open clinic day is 2026-12-11 (FRIDAY)
        2026-12-11 | INFEASIBLE | dose 8: next possible day 2026-12-28 (MONDAY) is course day 17, after the day-16 window
        2026-12-12 | INVALID    | is a SATURDAY, not a clinic day (MONDAY, WEDNESDAY, FRIDAY); the first dose is never moved: the next open clinic day is 2026-12-14 (MONDAY)
        2026-12-13 | INVALID    | is a SUNDAY, not a clinic day (MONDAY, WEDNESDAY, FRIDAY); the first dose is never moved: the next open clinic day is 2026-12-14 (MONDAY)
        """)
    void startingOnEachWeekdayWithMondayWednesdayFriday(LocalDate first, String outcome, String detail) {
        CalendarRequests request = CalendarRequests.acceptance().first(first);
        switch (outcome) {
            case "PLACED" -> {
                DosingCalendar c = engine.plan(request.build());
                assertThat(doseDates(c)).containsExactlyElementsOf(dates(detail));
                assertThat(c.doses()).last().extracting(ScheduledDose::courseDay).isEqualTo(16);
            }
            case "INVALID" -> assertThat(catchThrowableOfType(InvalidInputException.class,
                    () -> engine.plan(request.build())).problems())
                    .containsExactly(new FieldProblem("firstInjectionDate", detail));
            case "INFEASIBLE" -> {
                ScheduleInfeasibleException e = catchThrowableOfType(ScheduleInfeasibleException.class,
                        () -> engine.plan(request.build()));
                assertThat(e.unplaced()).singleElement().satisfies(u -> {
                    assertThat(u.number()).isEqualTo(8);
                    assertThat(u.reason()).startsWith(detail);
                });
                assertThat(e.placed()).extracting(ScheduledDose::courseDay).containsExactly(0, 3, 5, 7, 10, 12, 14);
                assertThat(e.getMessage()).contains(detail);
            }
            default -> throw new IllegalArgumentException(outcome);
        }
    }

    /**
     * A closure on each of the 8 nominal dose days. Mon/Wed/Fri leaves no slack in 16 days (every closure is
     * infeasible); Monday-Saturday absorbs a closure except on the last two doses. The first dose is never moved.
     */
    @ParameterizedTest(name = "[{index}] {arguments}")
    @CsvSource(useHeadersInDisplayName = true, delimiter = '|', textBlock = """
        CLOSED     | CLINIC_DAYS | OUTCOME    | DETAIL
        2026-12-07 | MWF         | INVALID    | is a clinic closure; the first dose is never moved: the next open clinic day is 2026-12-09 (WEDNESDAY)
        2026-12-09 | MWF         | INFEASIBLE | dose 8: next possible day 2026-12-25 (FRIDAY) is course day 18, after the day-16 window
        2026-12-11 | MWF         | INFEASIBLE | dose 8: next possible day 2026-12-25 (FRIDAY) is course day 18, after the day-16 window
        2026-12-14 | MWF         | INFEASIBLE | dose 8: next possible day 2026-12-25 (FRIDAY) is course day 18, after the day-16 window
        2026-12-16 | MWF         | INFEASIBLE | dose 8: next possible day 2026-12-25 (FRIDAY) is course day 18, after the day-16 window
        2026-12-18 | MWF         | INFEASIBLE | dose 8: next possible day 2026-12-25 (FRIDAY) is course day 18, after the day-16 window
        2026-12-21 | MWF         | INFEASIBLE | dose 8: next possible day 2026-12-25 (FRIDAY) is course day 18, after the day-16 window
        2026-12-23 | MWF         | INFEASIBLE | dose 8: next possible day 2026-12-25 (FRIDAY) is course day 18, after the day-16 window
        2026-12-07 | MON-SAT     | INVALID    | is a clinic closure; the first dose is never moved: the next open clinic day is 2026-12-08 (TUESDAY)
        2026-12-09 | MON-SAT     | PLACED     | 2026-12-07 2026-12-10 2026-12-12 2026-12-14 2026-12-16 2026-12-18 2026-12-21 2026-12-23
        2026-12-11 | MON-SAT     | PLACED     | 2026-12-07 2026-12-09 2026-12-12 2026-12-14 2026-12-16 2026-12-18 2026-12-21 2026-12-23
        2026-12-14 | MON-SAT     | PLACED     | 2026-12-07 2026-12-09 2026-12-11 2026-12-15 2026-12-17 2026-12-19 2026-12-21 2026-12-23
        2026-12-16 | MON-SAT     | PLACED     | 2026-12-07 2026-12-09 2026-12-11 2026-12-14 2026-12-17 2026-12-19 2026-12-21 2026-12-23
        2026-12-18 | MON-SAT     | PLACED     | 2026-12-07 2026-12-09 2026-12-11 2026-12-14 2026-12-16 2026-12-19 2026-12-21 2026-12-23
        2026-12-21 | MON-SAT     | INFEASIBLE | dose 8: next possible day 2026-12-24 (THURSDAY) is course day 17, after the day-16 window
        2026-12-23 | MON-SAT     | INFEASIBLE | dose 8: next possible day 2026-12-24 (THURSDAY) is course day 17, after the day-16 window
        """)
    void aClosureOnEachDoseDay(LocalDate closed, String clinicDays, String outcome, String detail) {
        CalendarRequests request = CalendarRequests.acceptance().closures(closed)
                .clinicDays("MWF".equals(clinicDays) ? null : MON_TO_SAT);
        switch (outcome) {
            case "PLACED" -> {
                DosingCalendar c = engine.plan(request.build());
                List<LocalDate> expected = dates(detail);
                List<LocalDate> nominal = dates(
                        "2026-12-07 2026-12-09 2026-12-11 2026-12-14 2026-12-16 2026-12-18 2026-12-21 2026-12-23");
                assertThat(doseDates(c)).containsExactlyElementsOf(expected).doesNotContain(closed);
                for (ScheduledDose d : c.doses()) {
                    LocalDate wouldBe = nominal.get(d.number() - 1);
                    assertThat(d.movedFrom()).as("dose %d", d.number())
                            .isEqualTo(d.date().equals(wouldBe) ? null : wouldBe);
                }
                assertThat(c.notes()).anyMatch(n -> n.contains("moved from " + closed)
                        && n.endsWith(closed + " is a clinic closure"));
            }
            case "INVALID" -> assertThat(catchThrowableOfType(InvalidInputException.class,
                    () -> engine.plan(request.build())).problems())
                    .containsExactly(new FieldProblem("firstInjectionDate", detail));
            case "INFEASIBLE" -> {
                ScheduleInfeasibleException e = catchThrowableOfType(ScheduleInfeasibleException.class,
                        () -> engine.plan(request.build()));
                assertThat(e.unplaced()).singleElement().satisfies(u -> {
                    assertThat(u.number()).isEqualTo(8);
                    assertThat(u.reason()).startsWith(detail).contains("closures in the window: " + closed);
                });
                assertThat(e.placed()).hasSize(7).allSatisfy(d -> assertThat(d.courseDay()).isLessThanOrEqualTo(16));
            }
            default -> throw new IllegalArgumentException(outcome);
        }
    }

    @Test
    void theWindowIsInclusiveAndTheWeeklyCapHoldsEvenWhenEveryDayIsAClinicDay() {
        DosingCalendar monday = engine.plan(CalendarRequests.acceptance()
                .clinicDays(EnumSet.allOf(DayOfWeek.class)).build());
        // Sunday day 6 and day 13 would be 2 days after the previous dose, but the ISO week already has 3.
        assertThat(monday.doses()).extracting(ScheduledDose::courseDay).containsExactly(0, 2, 4, 7, 9, 11, 14, 16);

        DosingCalendar tuesday = engine.plan(CalendarRequests.acceptance().first(MONDAY.plusDays(1))
                .clinicDays(EnumSet.allOf(DayOfWeek.class)).build());
        assertThat(tuesday.doses()).extracting(ScheduledDose::courseDay).containsExactly(0, 2, 4, 6, 8, 10, 13, 15);
    }

    @Test
    void closuresThatLeaveNoClinicDayMakeTheCourseImpossibleAndNameEveryUnplacedDose() {
        List<LocalDate> closed = new ArrayList<>();
        for (LocalDate d = MONDAY.plusDays(1); d.isBefore(MONDAY.plusDays(20)); d = d.plusDays(1)) {
            closed.add(d);
        }
        ScheduleInfeasibleException e = catchThrowableOfType(ScheduleInfeasibleException.class,
                () -> engine.plan(CalendarRequests.acceptance().closures(closed).build()));

        assertThat(e.placed()).extracting(ScheduledDose::number).containsExactly(1);
        assertThat(e.unplaced()).extracting(UnplacedDose::number).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(e.unplaced().get(0).reason())
                .startsWith("dose 2: next possible day 2026-12-28 (MONDAY) is course day 21, after the day-16 window");
        assertThat(e.unplaced().get(1).reason())
                .isEqualTo("not placed: dose 2 already has no day within the day-16 window");
    }

    // ------------------------------------------------------------------------------------ dose amount

    /** Lévy 2009 abstract: 3 or 10 µg/kg; dose = weight × level, rounded half-up to 1 µg (assumption). */
    @ParameterizedTest(name = "[{index}] {arguments}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        WEIGHT_KG, LEVEL_UG_PER_KG, DOSE_UG
        30,        3,               90
        40,        3,               120
        40,        10,              400
        70.5,      3,               212
        70.5,      10,              705
        70.16,     3,               210
        70.17,     3,               211
        150,       3,               450
        150,       10,              1500
        250,       10,              2500
        """)
    void doseIsWeightTimesLevelRoundedHalfUpTo1Ug(String weightKg, String level, String doseUg) {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().weightKg(weightKg).doseLevel(level).build());

        assertThat(c.doses()).hasSize(8).allSatisfy(d -> assertThat(d.doseUg()).isEqualByComparingTo(doseUg)
                .hasScaleOf(0));
        assertThat(c.weightKg()).isEqualByComparingTo(weightKg);
        assertThat(c.doseLevelUgPerKg()).isEqualByComparingTo(level);
    }

    // ----------------------------------------------------------------------------------------- volumes

    /**
     * Volume = dose / concentration, rounded half-up to the graduation; split when above the maximum per site.
     * 700 µg at 1000 µg/mL = 0.70 mL; 705 µg = 0.705 → 0.71 mL (+0.71%).
     */
    @ParameterizedTest(name = "[{index}] {arguments}")
    @CsvSource(useHeadersInDisplayName = true, delimiter = '|', textBlock = """
        WEIGHT_KG | CONCENTRATION | MAX_PER_SITE | GRADUATION | VOLUME_ML | ERROR_PERCENT | SITES_ML
        70        | 1000          | 0.71         |            | 0.70      | 0.00          | 0.70
        70        | 1000          | 0.70         |            | 0.70      | 0.00          | 0.70
        70        | 1000          | 0.69         |            | 0.70      | 0.00          | 0.35 0.35
        70        | 1000          |              |            | 0.70      | 0.00          | 0.70
        70.5      | 1000          | 0.50         |            | 0.71      | 0.71          | 0.36 0.35
        70.5      | 1000          | 0.70         | 0.01       | 0.71      | 0.71          | 0.36 0.35
        150       | 500           | 1.0          | 0.1        | 3.0       | 0.00          | 1.0 1.0 1.0
        150       | 500           | 0.9          | 0.1        | 3.0       | 0.00          | 0.8 0.8 0.7 0.7
        70.5      | 1000          | 0.25         | 0.01       | 0.71      | 0.71          | 0.24 0.24 0.23
        """)
    void volumeRoundedToTheGraduationAndSplitAcrossSites(String weightKg, String concentration, String maxPerSite,
            String graduation, String volumeMl, String errorPercent, String sitesMl) {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().weightKg(weightKg).concentration(concentration)
                .maxPerSite(maxPerSite).graduation(graduation).build());

        ScheduledDose d = c.doses().get(0);
        assertThat(d.volumeMl()).isEqualByComparingTo(volumeMl);
        assertThat(d.volumeRoundingErrorPercent()).isEqualByComparingTo(errorPercent);
        List<BigDecimal> expectedSites = Arrays.stream(sitesMl.split(" ")).map(BigDecimal::new).toList();
        assertThat(d.sites()).extracting(InjectionSite::volumeMl)
                .usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(expectedSites);
        assertThat(d.sites()).extracting(InjectionSite::site).startsWith(1);
        assertThat(d.sites().stream().map(InjectionSite::volumeMl).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("the sites add up to the dose volume exactly").isEqualByComparingTo(d.volumeMl());
        if (maxPerSite != null) {
            assertThat(d.sites()).allSatisfy(s -> assertThat(s.volumeMl()).isLessThanOrEqualTo(new BigDecimal(maxPerSite)));
        }
        assertThat(c.notes()).anyMatch(n -> n.startsWith("volume " + d.volumeMl().toPlainString() + " mL =")
                && n.contains("rounding error " + d.volumeRoundingErrorPercent().toPlainString() + "%"));
    }

    /** GERPAC (clinical reference §3.6): the rounding may change the dose by at most 5%. 400 µg at 1000 µg/mL. */
    @ParameterizedTest(name = "[{index}] {arguments}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        GRADUATION, VOLUME_ML, ERROR_PERCENT
        0.01,       0.40,      0.00
        0.42,       0.42,      5.00
        0.38,       0.38,      -5.00
        0.43,       ,          7.50
        0.37,       ,          -7.50
        0.3,        ,          -25.00
        """)
    void roundingErrorIsStatedAndRefusedAboveTheLimit(String graduation, String volumeMl, String errorPercent) {
        CalendarRequests request = CalendarRequests.acceptance().weightKg("40").concentration("1000")
                .graduation(graduation);
        if (volumeMl != null) {
            ScheduledDose d = engine.plan(request.build()).doses().get(0);
            assertThat(d.volumeMl()).isEqualByComparingTo(volumeMl);
            assertThat(d.volumeRoundingErrorPercent()).isEqualByComparingTo(errorPercent);
        } else {
            assertThat(catchThrowableOfType(InvalidInputException.class, () -> engine.plan(request.build())).problems())
                    .singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("syringeGraduationMl");
                        assertThat(p.message()).contains("changes the dose by " + errorPercent + "%")
                                .contains("more than the 5 % allowed");
                    });
        }
    }

    // ------------------------------------------------------------------------------- eligibility gate

    @Nested
    class Eligibility {

        @Test
        void aCandidateNotEligibleWithoutAnOverrideIsRefusedWithTheAssessment() {
            CalendarRefusedException e = catchThrowableOfType(CalendarRefusedException.class,
                    () -> engine.plan(CalendarRequests.acceptance()
                            .candidate(Candidates.eligible(Engines.TODAY).lab(LabKind.CD4_COUNT, "80", "cells/uL").build())
                            .build()));

            assertThat(e.assessment().verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
            assertThat(e.assessment().asOf()).isEqualTo(MONDAY);
            assertThat(e.getMessage()).contains("NOT_ELIGIBLE");
        }

        @Test
        void anIncompleteCandidateIsRefusedToo() {
            assertThatThrownBy(() -> engine.plan(CalendarRequests.acceptance()
                    .candidate(Candidates.eligible(Engines.TODAY).without(LabKind.CD4_COUNT).build()).build()))
                    .isInstanceOfSatisfying(CalendarRefusedException.class,
                            e -> assertThat(e.assessment().verdict()).isEqualTo(Verdict.INCOMPLETE));
        }

        @Test
        void anAuthorisedOverrideProducesTheCalendarAndIsRecorded() {
            EligibilityOverride override = new EligibilityOverride(OverrideReason.DATA_CONFIRMED_BY_INVESTIGATOR,
                    "Dr Investigator (staff 1234)", "CD4 confirmed in the paper chart");
            DosingCalendar c = engine.plan(CalendarRequests.acceptance()
                    .candidate(Candidates.eligible(Engines.TODAY).without(LabKind.CD4_COUNT).build())
                    .override(override).build());

            assertThat(c.eligibility()).isEqualTo(Verdict.INCOMPLETE);
            assertThat(c.override()).isEqualTo(override);
            assertThat(c.doses()).hasSize(8);
            assertThat(c.notes()).anyMatch(n -> n.contains("calendar produced under override "
                    + "DATA_CONFIRMED_BY_INVESTIGATOR authorised by Dr Investigator (staff 1234)"));
        }

        @Test
        void anOverrideForAnEligibleCandidateIsNotRecordedAsUsedAndSaysSo() {
            DosingCalendar c = engine.plan(CalendarRequests.acceptance()
                    .override(new EligibilityOverride(OverrideReason.COMPASSIONATE_USE, "Dr A", null)).build());

            assertThat(c.eligibility()).isEqualTo(Verdict.ELIGIBLE);
            assertThat(c.override()).isNull();
            assertThat(c.notes()).anyMatch(n -> n.startsWith("an override was given but the candidate is ELIGIBLE"));
        }
    }

    // ---------------------------------------------------------------------------------- invalid input

    @Nested
    class InvalidInput {

        private List<FieldProblem> problemsOf(UnaryOperator<CalendarRequests> change) {
            return catchThrowableOfType(InvalidInputException.class,
                    () -> engine.plan(change.apply(CalendarRequests.acceptance()).build())).problems();
        }

        /** Each row changes one field of the acceptance request. Weight limits 30–250 kg, 30 days (assumptions). */
        @ParameterizedTest(name = "[{index}] {arguments}")
        @CsvSource(useHeadersInDisplayName = true, delimiter = '|', textBlock = """
            CASE                       | FIELD                | MESSAGE_CONTAINS
            weight missing             | weightKg             | is required
            weight zero                | weightKg             | must be greater than zero
            weight negative            | weightKg             | must be greater than zero
            weight 29.9 kg             | weightKg             | is below the plausible minimum of 30 kg
            weight 250.1 kg            | weightKg             | is above the plausible maximum of 250 kg
            weighed in the future      | weightMeasuredOn     | is in the future (after 2026-11-26, the date now in the time zone furthest ahead (UTC+14))
            weighed 31 days before     | weightMeasuredOn     | is more than 30 days before the first injection date
            weighing date missing      | weightMeasuredOn     | is required
            level 5                    | doseLevelUgPerKg     | must be one of the protocol's dose levels: 3, 10 µg/kg
            level missing              | doseLevelUgPerKg     | is required
            level zero                 | doseLevelUgPerKg     | must be greater than zero
            first date missing         | firstInjectionDate   | is required
            first date in the past     | firstInjectionDate   | is before today (2026-11-26)
            first date before asOf     | firstInjectionDate   | is before the planning date asOf (2026-12-08)
            weighed after asOf         | weightMeasuredOn     | is after the planning date asOf (2026-11-20)
            asOf before 1996           | asOf                 | must be between 1996-01-01 and one year from today
            asOf over a year ahead     | asOf                 | must be between 1996-01-01 and one year from today
            vial size zero             | vialSizeUg           | must be greater than zero
            367 closures               | closures             | has more than 366 dates
            no clinic days             | clinicDays           | is empty: name at least one clinic day
            concentration zero         | concentrationUgPerMl | must be greater than zero
            graduation zero            | syringeGraduationMl  | must be greater than zero
            max per site negative      | maxVolumePerSiteMl   | must be greater than zero
            max per site below grad.   | maxVolumePerSiteMl   | is smaller than the syringe graduation
            candidate missing          | candidate            | is required
            candidate lab unit unknown | candidate.labs[0].unit | 
            override without reason    | override.reasonCode  | is required: one of [DATA_CONFIRMED_BY_INVESTIGATOR
            override without who       | override.authorisedBy | is required: the name or staff id
            """)
        void eachInvalidInputIsReportedOnItsField(String caseName, String field, String messageContains) {
            List<FieldProblem> problems = problemsOf(change(caseName));

            assertThat(problems).as(caseName).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.message()).contains(messageContains == null ? "" : messageContains);
            });
        }

        private UnaryOperator<CalendarRequests> change(String caseName) {
            return switch (caseName) {
                case "weight missing" -> r -> r.weightKg(null);
                case "weight zero" -> r -> r.weightKg("0");
                case "weight negative" -> r -> r.weightKg("-70");
                case "weight 29.9 kg" -> r -> r.weightKg("29.9");
                case "weight 250.1 kg" -> r -> r.weightKg("250.1");
                case "weighed in the future" -> r -> r.weighedOn(Engines.TODAY.plusDays(1));
                case "weighed 31 days before" -> r -> r.weighedOn(MONDAY.minusDays(31));
                case "weighing date missing" -> r -> r.weighedOn(null);
                case "level 5" -> r -> r.doseLevel("5");
                case "level missing" -> r -> r.doseLevel(null);
                case "level zero" -> r -> r.doseLevel("0");
                case "first date missing" -> r -> r.first(null);
                case "first date in the past" -> r -> r.first(Engines.TODAY.minusDays(1));
                case "first date before asOf" -> r -> r.asOf(MONDAY.plusDays(1));
                case "weighed after asOf" -> r -> r.asOf(Engines.TODAY.minusDays(6)).weighedOn(Engines.TODAY);
                case "asOf before 1996" -> r -> r.asOf(LocalDate.of(1995, 12, 31));
                case "asOf over a year ahead" -> r -> r.asOf(Engines.TODAY.plusYears(1).plusDays(1));
                case "vial size zero" -> r -> r.vialSize("0");
                case "367 closures" -> r -> r.closures(java.util.stream.Stream.iterate(MONDAY.plusYears(1),
                        d -> d.plusDays(1)).limit(367).toList());
                case "no clinic days" -> r -> r.clinicDays(Set.of());
                case "concentration zero" -> r -> r.concentration("0");
                case "graduation zero" -> r -> r.concentration("1000").graduation("0");
                case "max per site negative" -> r -> r.concentration("1000").maxPerSite("-1");
                case "max per site below grad." -> r -> r.concentration("1000").graduation("0.1").maxPerSite("0.05");
                case "candidate missing" -> r -> r.candidate(null);
                case "candidate lab unit unknown" -> r -> r.candidate(Candidates.eligible(Engines.TODAY)
                        .without(LabKind.CD4_COUNT).without(LabKind.HIV_RNA).without(LabKind.NEUTROPHILS)
                        .without(LabKind.HAEMOGLOBIN).without(LabKind.PLATELETS).without(LabKind.CREATININE)
                        .lab(LabKind.CD4_COUNT, "250", "furlongs").build());
                case "override without reason" -> r -> r.override(new EligibilityOverride(null, "Dr A", null));
                case "override without who" -> r -> r.override(
                        new EligibilityOverride(OverrideReason.COMPASSIONATE_USE, "  ", null));
                default -> throw new IllegalArgumentException(caseName);
            };
        }

        @Test
        void weightLimitsAndWeightAgeAreInclusive() {
            assertThat(engine.plan(CalendarRequests.acceptance().weightKg("30").build()).doses()).hasSize(8);
            assertThat(engine.plan(CalendarRequests.acceptance().weightKg("250").build()).doses()).hasSize(8);
            assertThat(engine.plan(CalendarRequests.acceptance().weighedOn(MONDAY.minusDays(30)).build()).doses())
                    .hasSize(8);
        }

        @Test
        void weighingAfterTheFirstInjectionIsRefused() {
            // Only reachable together with "in the future" (the first injection is never before today); the rule
            // guards the dose against a weight taken after the course started.
            List<FieldProblem> problems = problemsOf(r -> r.first(LocalDate.of(2026, 11, 30))
                    .weighedOn(LocalDate.of(2026, 12, 1)));
            assertThat(problems).extracting(FieldProblem::field).containsOnly("weightMeasuredOn");
            assertThat(problems).extracting(FieldProblem::message).anyMatch(m -> m.startsWith("is in the future"))
                    .anyMatch(m -> m.startsWith("is after the first injection date"));
        }

        @Test
        void everyProblemIsReportedAtOnceAndNoValueIsEchoed() {
            List<FieldProblem> problems = problemsOf(r -> r.weightKg("300").doseLevel("30").weighedOn(null)
                    .clinicDays(Set.of()).concentration("-1")
                    .override(new EligibilityOverride(null, null, null)));

            assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder("weightKg",
                    "doseLevelUgPerKg", "weightMeasuredOn", "clinicDays", "concentrationUgPerMl",
                    "override.reasonCode", "override.authorisedBy");
            assertThat(problems).noneMatch(p -> p.message().contains("300"));
        }

        @Test
        void anUnknownProtocolIsNamed() {
            assertThatThrownBy(() -> engine.plan(CalendarRequests.acceptance().protocolId("nope").build()))
                    .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("nope");
        }

        @Test
        void aMissingRequestIsInvalid() {
            assertThatThrownBy(() -> engine.plan(null)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("request: is required");
        }
    }
}
