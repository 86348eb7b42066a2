package org.il7cds.api.dosing;

import java.time.Instant;
import org.il7cds.engine.dosing.DosingCalendar;

/**
 * A calendar to be written as iCalendar or CSV by {@link CalendarMessageConverter}.
 *
 * @param made when the calendar was made: every iCalendar event is stamped with it, so the same calendar reads the same
 */
record RenderedCalendar(DosingCalendar calendar, Instant made) {
}
