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
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a calendar as iCalendar (RFC 5545 via ical4j: one event per dose and per monitoring visit) or as CSV for
 * pharmacy systems (one row per dose, per visit and one for the course). Every format says what the JSON says:
 * the pseudonym, the override, the dose delivered after volume rounding and the course totals.
 */
public final class CalendarFormats {

    /** The iCalendar PRODID. */
    public static final String PRODID = "-//il7cds//rhIL-7 dosing calendar//EN";
    /** Suffix of every event UID: "{@code <dose or visit id>@il7cds}". */
    public static final String UID_DOMAIN = "@il7cds";
    /** CATEGORIES of a dose event. */
    public static final String DOSE_CATEGORY = "rhIL-7 dose";
    /** CATEGORIES of a monitoring visit event. */
    public static final String VISIT_CATEGORY = "rhIL-7 monitoring";
    /** CSV columns, in order. {@code row_type} is DOSE, VISIT or COURSE_TOTAL; a column that does not apply is empty. */
    public static final String[] CSV_HEADER = {"calendar_id", "pseudonym_id", "row_type", "item_id", "number", "date",
        "weekday", "course_day", "dose_ug", "delivered_ug", "volume_ml", "sites", "vials", "labs", "label",
        "override_reason", "override_authorised_by", "protocol_id", "rules_version"};

    private CalendarFormats() {
    }

    /**
     * RFC 5545 text: one all-day VEVENT per dose and one per monitoring visit (CATEGORIES tells them apart:
     * {@value #DOSE_CATEGORY} or {@value #VISIT_CATEGORY}), no recurrence rule, stable UIDs from the dose and visit
     * ids. The calendar's NAME and every SUMMARY carry the pseudonym, so that a clinic calendar holding several
     * courses tells them apart; the calendar's DESCRIPTION holds the course totals.
     */
    public static String toICalendar(DosingCalendar calendar) {
        return toICalendar(calendar, null);
    }

    /**
     * As {@link #toICalendar(DosingCalendar)}, with every event's DTSTAMP at {@code stamp} (to the second) instead of
     * now: a recorded calendar is stamped with the time it was made, so that printing it again later gives the same
     * text.
     *
     * @param stamp null for now
     */
    public static String toICalendar(DosingCalendar calendar, Instant stamp) {
        Calendar ical = new Calendar().withProdId(PRODID).withDefaults().getFluentTarget();
        ical.add(new Name("rhIL-7 course for " + calendar.pseudonymId() + " (" + calendar.protocolId() + ")"));
        ical.add(new Description("rhIL-7 course for " + calendar.pseudonymId() + ". " + totals(calendar)
                + overridden(calendar) + " Protocol " + calendar.protocolId() + ", rules " + calendar.rulesVersion()
                + " (" + calendar.rulesHash() + "), calendar " + calendar.calendarId() + "."));
        int total = calendar.doses().size();
        for (ScheduledDose d : calendar.doses()) {
            VEvent event = new VEvent(d.date(), d.date().plusDays(1), calendar.pseudonymId() + ": rhIL-7 dose "
                    + d.number() + " of " + total + ": " + d.doseUg().toPlainString() + " µg SC");
            event.add(new Uid(d.id() + UID_DOMAIN));
            event.add(new Categories(DOSE_CATEGORY));
            event.add(new Description(describe(calendar, d)));
            stamp(event, stamp);
            ical.add(event);
        }
        for (MonitoringVisit v : calendar.visits()) {
            VEvent event = new VEvent(v.date(), v.date().plusDays(1),
                    calendar.pseudonymId() + ": rhIL-7 monitoring: " + label(v));
            event.add(new Uid(v.id() + UID_DOMAIN));
            event.add(new Categories(VISIT_CATEGORY));
            event.add(new Description("Candidate " + calendar.pseudonymId() + ". Course day " + v.courseDay()
                    + ". Labs: " + String.join(", ", v.labs())
                    + (v.assumption() ? ". Assumed time point: " : ". Source: ") + v.source()
                    + actions(v) + ". Protocol " + calendar.protocolId() + ", rules " + calendar.rulesVersion()
                    + ", calendar " + calendar.calendarId() + "."));
            stamp(event, stamp);
            ical.add(event);
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
        s.append("Candidate ").append(c.pseudonymId()).append(". Course day ").append(d.courseDay()).append(" (")
                .append(d.weekday()).append("). Dose ordered ").append(d.doseUg().toPlainString()).append(" µg SC = ")
                .append(plain(c.doseLevelUgPerKg())).append(" µg/kg × ").append(plain(c.weightKg())).append(" kg; ")
                .append(c.doseRounding()).append('.');
        if (d.volumeMl() != null) {
            s.append(" Volume ").append(d.volumeMl().toPlainString()).append(" mL, delivering ")
                    .append(d.deliveredUg().toPlainString()).append(" µg (rounding error ")
                    .append(d.volumeRoundingErrorPercent().toPlainString()).append("%)");
            if (d.sites().size() > 1) {
                s.append(" in ").append(d.sites().size()).append(" sites: ").append(sites(d, " + ")).append(" mL");
            }
            s.append('.');
        }
        if (d.movedFrom() != null) {
            s.append(" Moved from ").append(d.movedFrom()).append(" because of a clinic closure.");
        }
        s.append(' ').append(totals(c)).append(" Protocol ").append(c.protocolId()).append(", rules ")
                .append(c.rulesVersion()).append(" (").append(c.rulesHash()).append("), calendar ")
                .append(c.calendarId()).append('.').append(overridden(c));
        return s.toString();
    }

    /** "Course: 8 doses, 5600 µg ordered, 5600 µg delivered in 2.80 mL, 8 vials of 1000 µg." */
    private static String totals(DosingCalendar c) {
        CourseTotals t = c.totals();
        StringBuilder s = new StringBuilder("Course: ").append(t.doses()).append(" doses, ")
                .append(t.orderedUg().toPlainString()).append(" µg ordered");
        if (t.deliveredUg() != null) {
            s.append(", ").append(t.deliveredUg().toPlainString()).append(" µg delivered in ")
                    .append(t.volumeMl().toPlainString()).append(" mL");
        }
        if (t.vials() != null) {
            s.append(", ").append(t.vials()).append(t.vials() == 1 ? " vial of " : " vials of ")
                    .append(plain(t.vialSizeUg())).append(" µg");
        }
        return s.append('.').toString();
    }

    private static String overridden(DosingCalendar c) {
        return c.override() == null ? "" : " Given under override " + c.override().reasonCode() + " authorised by "
                + c.override().authorisedBy() + " (the candidate is " + c.eligibility() + ").";
    }

    /**
     * RFC 4180 CSV, header first: one DOSE row per dose, one VISIT row per monitoring visit, then one COURSE_TOTAL
     * row (number = the doses, dose_ug and delivered_ug and volume_ml = the sums, vials = the vials to dispense).
     * Every row names the calendar, the pseudonym and the override, so that a row read alone still says them.
     */
    public static String toCsv(DosingCalendar calendar) {
        StringBuilder out = new StringBuilder();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get();
        EligibilityOverride o = calendar.override();
        String reason = o == null ? "" : o.reasonCode().name();
        String authorisedBy = o == null ? "" : o.authorisedBy();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (ScheduledDose d : calendar.doses()) {
                printer.printRecord(calendar.calendarId(), calendar.pseudonymId(), "DOSE", d.id(), d.number(), d.date(),
                        d.weekday(), d.courseDay(), d.doseUg().toPlainString(), plain(d.deliveredUg()),
                        d.volumeMl() == null ? "" : d.volumeMl().toPlainString(), sites(d, ";"), "", "", "",
                        reason, authorisedBy, calendar.protocolId(), calendar.rulesVersion());
            }
            for (MonitoringVisit v : calendar.visits()) {
                printer.printRecord(calendar.calendarId(), calendar.pseudonymId(), "VISIT", v.id(), "", v.date(),
                        v.date().getDayOfWeek(), v.courseDay(), "", "", "", "", "", String.join(";", v.labs()),
                        label(v), reason, authorisedBy, calendar.protocolId(), calendar.rulesVersion());
            }
            CourseTotals t = calendar.totals();
            printer.printRecord(calendar.calendarId(), calendar.pseudonymId(), "COURSE_TOTAL", "", t.doses(), "", "",
                    "", t.orderedUg().toPlainString(), plain(t.deliveredUg()),
                    t.volumeMl() == null ? "" : t.volumeMl().toPlainString(), "",
                    t.vials() == null ? "" : t.vials(), "", "", reason, authorisedBy, calendar.protocolId(),
                    calendar.rulesVersion());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A visit's label, with the monitoring actions due at it when there are any (a new cycle's calendar):
     * "Day 14 [REPEAT_HIV_RNA due 2026-12-03 to 2026-12-31]". The CSV has no column of its own for them, so that its
     * columns stay those pharmacy systems read.
     */
    private static String label(MonitoringVisit v) {
        return v.actions().isEmpty() ? v.label() : v.label() + " [" + v.actions().stream()
                .map(a -> a.action() + " due " + (a.dueFrom() == null ? "by " + a.dueBy() : a.dueFrom() + " to "
                        + a.dueBy()) + (a.overdue() ? " (overdue)" : "")).collect(Collectors.joining("; ")) + "]";
    }

    /** ". Monitoring actions due: REPEAT_HIV_RNA by 2026-12-31 (why; rule '...'; source: ...)", or nothing. */
    private static String actions(MonitoringVisit v) {
        return v.actions().isEmpty() ? "" : ". Monitoring actions due: " + v.actions().stream()
                .map(a -> a.action() + (a.dueFrom() == null ? "" : " from " + a.dueFrom()) + " by " + a.dueBy()
                        + (a.overdue() ? " (overdue)" : "") + " (" + a.reason() + "; rule '" + a.rule() + "'; source: "
                        + a.source() + ")").collect(Collectors.joining("; "));
    }

    /** "0.70;0.70": the volume per site; empty without a volume. */
    private static String sites(ScheduledDose d, String separator) {
        return d.sites().stream().map(s -> s.volumeMl().toPlainString()).collect(Collectors.joining(separator));
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }
}
