package org.il7cds.engine;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The latest date it is anywhere now: the bound of the checks that refuse a date "in the future".
 *
 * <p>The service's own date is not that bound. A clinic in a time zone ahead of the service's writes dates that are
 * already today where they were written: a sample drawn in Paris at 00:30 on 4 December, sent to a service on UTC
 * (still 3 December), is not from the future. A date is in the future only when it is after today everywhere, that
 * is after the date in UTC+14 (the Line Islands, the civil time zone furthest ahead). The service's own date stays
 * the default as-of date and the base of "one year from today".
 */
public final class Today {

    /** The civil time zone furthest ahead of UTC (Pacific/Kiritimati). */
    public static final ZoneOffset FURTHEST_AHEAD = ZoneOffset.ofHours(14);

    private Today() {
    }

    /** The date in the time zone furthest ahead at {@code clock}'s instant. */
    public static LocalDate anywhere(Clock clock) {
        return LocalDate.now(clock.withZone(FURTHEST_AHEAD));
    }

    /** How a refusal names that bound: "after 2026-12-04, the date now in the time zone furthest ahead (UTC+14)". */
    public static String after(LocalDate anywhere) {
        return "after " + anywhere + ", the date now in the time zone furthest ahead (UTC+14)";
    }
}
