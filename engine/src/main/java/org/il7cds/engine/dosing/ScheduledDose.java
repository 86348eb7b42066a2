package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * One injection of the course.
 *
 * @param id stable for the same request ("levy-2009-D1" style ids are derived from the calendar id)
 * @param courseDay days since the first injection (day 0)
 * @param doseUg the amount to give, after the protocol's declared rounding
 * @param volumeMl the volume to draw, rounded to the syringe graduation; null without a concentration
 * @param deliveredUg the amount that volume delivers (volume × concentration), which the rounding makes differ
 *     from {@code doseUg}; null without a concentration
 * @param sites the volume per injection site; empty when no volume is known
 * @param volumeRoundingErrorPercent (delivered - prescribed) / prescribed x 100; null without a volume
 * @param movedFrom the date the dose would have had without a closure; null if not moved
 */
public record ScheduledDose(String id, int number, LocalDate date, DayOfWeek weekday, int courseDay, BigDecimal doseUg,
        BigDecimal volumeMl, BigDecimal deliveredUg, List<InjectionSite> sites, BigDecimal volumeRoundingErrorPercent,
        LocalDate movedFrom) {

    public ScheduledDose {
        sites = sites == null ? List.of() : List.copyOf(sites);
    }
}
