package org.il7cds.engine.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.fixtures.CalendarRequests;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.ActiveRules;
import org.junit.jupiter.api.Test;

/** A decision is made on a clock fixed at the instant it records, whatever the engine's own clock says. */
class PinnedClockTest {

    private static final LocalDate LATER = Engines.TODAY.plusDays(14);
    private static final Clock PINNED = Clock.fixed(LATER.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @Test
    void anAssessmentReadsTodayFromTheClockItIsGiven() {
        EligibilityEngine engine = Engines.eligibility();

        assertThat(engine.assess(Engines.packagedRules(), null, Candidates.eligible(LATER).build(), null, PINNED)
                .asOf()).isEqualTo(LATER);
        // On the engine's own clock the same samples are dated in the future.
        assertThatThrownBy(() -> engine.assess(Engines.packagedRules(), null, Candidates.eligible(LATER).build(),
                null, Engines.CLOCK)).isInstanceOf(InvalidInputException.class).hasMessageContaining("in the future");
    }

    @Test
    void aCalendarAndItsEligibilityCheckReadTodayFromTheClockItIsGiven() {
        ActiveRules rules = new ActiveRules(Engines.packagedRules());
        DosingEngine engine = new DosingEngine(rules, new EligibilityEngine(rules, Engines.CLOCK), Engines.CLOCK);
        var request = CalendarRequests.acceptance().build();

        assertThat(engine.plan(rules.get(), request, Engines.CLOCK).doses()).hasSize(8);
        // On the pinned clock the first injection (2026-12-07) is in the past.
        assertThatThrownBy(() -> engine.plan(rules.get(), request, PINNED)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("firstInjectionDate");
    }
}
