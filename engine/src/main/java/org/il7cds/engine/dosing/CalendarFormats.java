package org.il7cds.engine.dosing;

/** Writes a calendar as iCalendar (RFC 5545, one event per dose, via ical4j) or as CSV for pharmacy systems. */
public final class CalendarFormats {

    private CalendarFormats() {
    }

    /** RFC 5545 text: one VEVENT per dose (all-day, no recurrence rule), stable UIDs from the dose ids. */
    public static String toICalendar(DosingCalendar calendar) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** RFC 4180 CSV, one row per dose, header first. */
    public static String toCsv(DosingCalendar calendar) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
