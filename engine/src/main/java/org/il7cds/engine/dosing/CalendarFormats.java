package org.il7cds.engine.dosing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a calendar as iCalendar (RFC 5545, one event per dose, via ical4j) or as CSV for pharmacy systems. */
public final class CalendarFormats {

    /** The iCalendar PRODID. */
    public static final String PRODID = "-//il7cds//rhIL-7 dosing calendar//EN";
    /** Suffix of every event UID: "{@code <dose or visit id>@il7cds}". */
    public static final String UID_DOMAIN = "@il7cds";
    /** CSV columns, in order. */
    public static final String[] CSV_HEADER = {"calendar_id", "dose_id", "number", "date", "weekday", "course_day",
        "dose_ug", "volume_ml", "sites", "protocol_id", "rules_version"};

    private CalendarFormats() {
    }

    /** RFC 5545 text: one VEVENT per dose (all-day, no recurrence rule), stable UIDs from the dose ids. */
    public static String toICalendar(DosingCalendar calendar) {
        return toICalendar(calendar, false);
    }

    /**
     * RFC 5545 text: one all-day VEVENT per dose and, with {@code includeVisits}, one per monitoring visit
     * (CATEGORIES tells them apart: "rhIL-7 dose" or "rhIL-7 monitoring"). No patient identifier is written:
     * the calendar carries none, and the ids are hashes.
     */
    public static String toICalendar(DosingCalendar calendar, boolean includeVisits) {
        return toICalendar(calendar, includeVisits, null);
    }

    /**
     * As {@link #toICalendar(DosingCalendar, boolean)}, with every event's DTSTAMP at {@code stamp} (to the second)
     * instead of now: a recorded calendar is stamped with the time it was made, so that printing it again later
     * gives the same text.
     *
     * @param stamp null for now
     */
    public static String toICalendar(DosingCalendar calendar, boolean includeVisits, Instant stamp) {
        Calendar ical = new Calendar().withProdId(PRODID).withDefaults().getFluentTarget();
        int total = calendar.doses().size();
        for (ScheduledDose d : calendar.doses()) {
            VEvent event = new VEvent(d.date(), d.date().plusDays(1),
                    "rhIL-7 dose " + d.number() + " of " + total + ": " + d.doseUg().toPlainString() + " µg SC");
            event.add(new Uid(d.id() + UID_DOMAIN));
            event.add(new Categories("rhIL-7 dose"));
            event.add(new Description(describe(calendar, d)));
            stamp(event, stamp);
            ical.add(event);
        }
        if (includeVisits) {
            for (MonitoringVisit v : calendar.visits()) {
                VEvent event = new VEvent(v.date(), v.date().plusDays(1), "rhIL-7 monitoring: " + v.label());
                event.add(new Uid(v.id() + UID_DOMAIN));
                event.add(new Categories("rhIL-7 monitoring"));
                event.add(new Description("Course day " + v.courseDay() + ". Labs: " + String.join(", ", v.labs())
                        + (v.assumption() ? ". Assumed time point: " : ". Source: ") + v.source()
                        + ". Protocol " + calendar.protocolId() + ", rules " + calendar.rulesVersion()
                        + ", calendar " + calendar.calendarId() + "."));
                stamp(event, stamp);
                ical.add(event);
            }
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(ical, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void stamp(VEvent event, Instant stamp) {
        if (stamp != null) {
            event.replace(new DtStamp(stamp.truncatedTo(ChronoUnit.SECONDS)));
        }
    }

    private static String describe(DosingCalendar c, ScheduledDose d) {
        StringBuilder s = new StringBuilder();
        s.append("Course day ").append(d.courseDay()).append(" (").append(d.weekday()).append("). Dose ")
                .append(d.doseUg().toPlainString()).append(" µg SC = ").append(plain(c.doseLevelUgPerKg()))
                .append(" µg/kg × ").append(plain(c.weightKg())).append(" kg; ").append(c.doseRounding()).append('.');
        if (d.volumeMl() != null) {
            s.append(" Volume ").append(d.volumeMl().toPlainString()).append(" mL (rounding error ")
                    .append(d.volumeRoundingErrorPercent().toPlainString()).append("%)");
            if (d.sites().size() > 1) {
                s.append(" in ").append(d.sites().size()).append(" sites: ").append(sites(d, " + ")).append(" mL");
            }
            s.append('.');
        }
        if (d.movedFrom() != null) {
            s.append(" Moved from ").append(d.movedFrom()).append(" because of a clinic closure.");
        }
        s.append(" Protocol ").append(c.protocolId()).append(", rules ").append(c.rulesVersion()).append(" (")
                .append(c.rulesHash()).append("), calendar ").append(c.calendarId()).append('.');
        if (c.override() != null) {
            s.append(" Given under override ").append(c.override().reasonCode()).append(" authorised by ")
                    .append(c.override().authorisedBy()).append('.');
        }
        return s.toString();
    }

    /** RFC 4180 CSV, one row per dose, header first. */
    public static String toCsv(DosingCalendar calendar) {
        StringBuilder out = new StringBuilder();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (ScheduledDose d : calendar.doses()) {
                printer.printRecord(calendar.calendarId(), d.id(), d.number(), d.date(), d.weekday(), d.courseDay(),
                        d.doseUg().toPlainString(), d.volumeMl() == null ? "" : d.volumeMl().toPlainString(),
                        sites(d, ";"), calendar.protocolId(), calendar.rulesVersion());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** "0.70;0.70": the volume per site; empty without a volume. */
    private static String sites(ScheduledDose d, String separator) {
        return d.sites().stream().map(s -> s.volumeMl().toPlainString()).collect(Collectors.joining(separator));
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }
}
