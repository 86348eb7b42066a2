package org.il7cds.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.course.MonitoringRequest;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.ArtHistory;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.CalendarRequests;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.ActiveRules;
import org.junit.jupiter.api.Test;

/**
 * A date is "in the future" only when it is after today everywhere (UTC+14), not after the service's own date: a
 * clinic ahead of the service's time zone writes dates that are already today where it is. The service here runs on
 * UTC; on 2026-11-26 it is 2026-11-27 in UTC+14 from 10:00 UTC.
 */
class FutureDatesTest {

    private static final LocalDate SERVICE_DAY = LocalDate.of(2026, 11, 26);
    private static final LocalDate AHEAD = SERVICE_DAY.plusDays(1);
    /** 10:00 UTC: midnight in UTC+14, the first instant it is 2026-11-27 anywhere. */
    private static final Clock FIRST_INSTANT_OF_AHEAD = clockAt("2026-11-26T10:00:00Z");
    private static final Clock LAST_INSTANT_BEFORE = clockAt("2026-11-26T09:59:59.999999Z");

    private static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** Eligible on {@code AHEAD}, with a CD4 count drawn on that day (a clinic in UTC+1 at 00:30, say). */
    private static Candidate drawnOnTheDayAhead() {
        return Candidates.eligible(AHEAD).lab(LabResult.of(LabKind.CD4_COUNT, "250", "cells/uL", AHEAD)).build();
    }

    @Test
    void theLatestDateAnywhereIsTheDateInUtcPlus14() {
        assertThat(Today.anywhere(LAST_INSTANT_BEFORE)).isEqualTo(SERVICE_DAY);
        assertThat(Today.anywhere(FIRST_INSTANT_OF_AHEAD)).isEqualTo(AHEAD);
        // Whatever the service's own zone: the bound depends on the instant only.
        assertThat(Today.anywhere(FIRST_INSTANT_OF_AHEAD.withZone(java.time.ZoneId.of("America/Los_Angeles"))))
                .isEqualTo(AHEAD);
    }

    @Test
    void aSampleDrawnTodayInAZoneAheadOfTheServiceIsAssessedNotRefused() {
        EligibilityEngine engine = Engines.eligibility();

        var a = engine.assess(Engines.packagedRules(), null, drawnOnTheDayAhead(), AHEAD, FIRST_INSTANT_OF_AHEAD);

        assertThat(a.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(a.criteria()).filteredOn(c -> c.criterionId().equals("cd4-count")).singleElement()
                .satisfies(c -> assertThat(c.observedOn()).isEqualTo(AHEAD));
    }

    @Test
    void aSampleDatedAfterTodayEverywhereIsStillRefusedNamingTheBound() {
        EligibilityEngine engine = Engines.eligibility();

        assertThatThrownBy(() -> engine.assess(Engines.packagedRules(), null, drawnOnTheDayAhead(), AHEAD,
                LAST_INSTANT_BEFORE)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .contains(new FieldProblem("labs[5].sampleDate", "is in the future (after 2026-11-26, the date"
                                + " now in the time zone furthest ahead (UTC+14))")));
        Candidate twoAhead = Candidates.eligible(AHEAD)
                .lab(LabResult.of(LabKind.CD4_COUNT, "250", "cells/uL", AHEAD.plusDays(1))).build();
        assertThatThrownBy(() -> engine.assess(Engines.packagedRules(), null, twoAhead, AHEAD, FIRST_INSTANT_OF_AHEAD))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is in the future");
    }

    @Test
    void withoutAsOfTheAssessmentIsAsOfTheServicesDateAndASampleOfTheDayAheadIsNotUsed() {
        EligibilityEngine engine = Engines.eligibility();

        var a = engine.assess(Engines.packagedRules(), null, drawnOnTheDayAhead(), null, FIRST_INSTANT_OF_AHEAD);

        assertThat(a.asOf()).isEqualTo(SERVICE_DAY);
        assertThat(a.notes()).contains("1 CD4+ count result(s) drawn after the as-of date 2026-11-26 were not used");
        // The unused count leaves none: the candidate is not eligible on what is missing.
        assertThat(a.verdict()).isEqualTo(Verdict.INCOMPLETE);
    }

    @Test
    void artDatesOfTheDayAheadAreAcceptedAndTheDayAfterRefused() {
        EligibilityEngine engine = Engines.eligibility();
        Candidate changedToday = Candidates.eligible(AHEAD)
                .art(new ArtHistory(AHEAD.minusYears(3), AHEAD, List.of("dolutegravir", "lamivudine", "abacavir")))
                .build();
        Candidate changedTomorrow = Candidates.eligible(AHEAD)
                .art(new ArtHistory(AHEAD.minusYears(3), AHEAD.plusDays(1),
                        List.of("dolutegravir", "lamivudine", "abacavir"))).build();

        assertThat(engine.assess(Engines.packagedRules(), null, changedToday, AHEAD, FIRST_INSTANT_OF_AHEAD)
                .verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThatThrownBy(() -> engine.assess(Engines.packagedRules(), null, changedTomorrow, AHEAD,
                FIRST_INSTANT_OF_AHEAD)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("art.lastRegimenChange: is in the future");
    }

    @Test
    void aWeightMeasuredTodayInAZoneAheadPlansACalendar() {
        ActiveRules rules = new ActiveRules(Engines.packagedRules());
        DosingEngine engine = new DosingEngine(rules, new EligibilityEngine(rules, FIRST_INSTANT_OF_AHEAD),
                FIRST_INSTANT_OF_AHEAD);
        var request = CalendarRequests.acceptance().asOf(AHEAD).weighedOn(AHEAD).build();

        assertThat(engine.plan(rules.get(), request, FIRST_INSTANT_OF_AHEAD).doses()).hasSize(8);
        assertThatThrownBy(() -> engine.plan(rules.get(), request, LAST_INSTANT_BEFORE))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::message)
                        .contains(org.assertj.core.groups.Tuple.tuple("weightMeasuredOn", "is in the future (after"
                                + " 2026-11-26, the date now in the time zone furthest ahead (UTC+14))")));
    }

    @Test
    void monitoringAsOfTheDayAheadIsAnsweredAndTheDayAfterRefused() {
        ActiveRules rules = new ActiveRules(Engines.packagedRules());
        MonitoringEngine monitoring = new MonitoringEngine(rules, FIRST_INSTANT_OF_AHEAD);
        Candidate c = Candidates.eligible(AHEAD).without(LabKind.HIV_RNA)
                .plus(LabResult.parse(LabKind.HIV_RNA, "<20", "copies/mL", AHEAD.minusDays(30)))
                .plus(LabResult.parse(LabKind.HIV_RNA, "<20", "copies/mL", AHEAD)).build();
        List<LocalDate> doses = List.of(AHEAD.minusDays(14), AHEAD.minusDays(7), AHEAD);

        assertThat(monitoring.assess(new MonitoringRequest("inspire-2", c, doses, AHEAD)).asOf()).isEqualTo(AHEAD);
        assertThatThrownBy(() -> monitoring.assess(rules.get(), new MonitoringRequest("inspire-2", c, doses, AHEAD),
                LAST_INSTANT_BEFORE, name -> { })).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("asOf: must be on or after").hasMessageContaining("(after 2026-11-26, the date");
    }
}
