package org.il7cds.engine.dosing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.il7cds.engine.fixtures.CalendarRequests;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.junit.jupiter.api.Test;

/** Tests for {@link CalendarFormats}: the acceptance calendar written and parsed back (ical4j, commons-csv). */
class CalendarFormatsTest {

    private static final List<String> ACCEPTANCE_DATES = List.of("2026-12-07", "2026-12-09", "2026-12-11",
            "2026-12-14", "2026-12-16", "2026-12-18", "2026-12-21", "2026-12-23");

    private final DosingEngine engine = Engines.dosing();

    private static List<VEvent> events(String ics) throws Exception {
        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        return parsed.getComponents(Component.VEVENT).stream().map(VEvent.class::cast).toList();
    }

    private static String value(VEvent e, String property) {
        return e.getProperty(property).map(Property::getValue).orElse(null);
    }

    private static String basic(String isoDate) {
        return LocalDate.parse(isoDate).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static List<VEvent> doseEvents(String ics) throws Exception {
        return events(ics).stream().filter(e -> CalendarFormats.DOSE_CATEGORY.equals(value(e, Property.CATEGORIES)))
                .toList();
    }

    private static List<CSVRecord> rows(String csv, String rowType) throws Exception {
        try (CSVParser parser = CSVParser.parse(csv,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords().stream().filter(r -> r.get("row_type").equals(rowType)).toList();
        }
    }

    @Test
    void acceptanceCalendarAsICalendarHasEightAllDayDoseEventsOnTheExpectedDates() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().build());
        String ics = CalendarFormats.toICalendar(c);

        List<VEvent> events = doseEvents(ics);
        assertThat(events).hasSize(8);
        assertThat(events).extracting(e -> value(e, Property.DTSTART))
                .containsExactlyElementsOf(ACCEPTANCE_DATES.stream().map(CalendarFormatsTest::basic).toList());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getProperty(Property.DTSTART).orElseThrow().getParameter("VALUE").orElseThrow().getValue())
                    .isEqualTo("DATE");
            assertThat(e.getProperty(Property.RRULE)).isEmpty();
            assertThat(value(e, Property.DESCRIPTION)).contains("Protocol levy-2009").contains(c.rulesHash());
        });
        assertThat(events).extracting(e -> value(e, Property.UID))
                .containsExactlyElementsOf(c.doses().stream().map(d -> d.id() + "@il7cds").toList());
        assertThat(value(events.get(2), Property.SUMMARY)).isEqualTo("CAND-001: rhIL-7 dose 3 of 8: 700 µg SC");
        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        assertThat(parsed.getProperty(Property.PRODID).orElseThrow().getValue()).isEqualTo(CalendarFormats.PRODID);
        assertThat(parsed.getProperty(Property.NAME).orElseThrow().getValue()).contains("CAND-001");
        assertThat(parsed.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .contains("Course: 8 doses, 5600 µg ordered.");
    }

    @Test
    void everyMonitoringVisitIsAnEventOfItsOwn() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().build());
        List<VEvent> visits = events(CalendarFormats.toICalendar(c)).stream()
                .filter(e -> CalendarFormats.VISIT_CATEGORY.equals(value(e, Property.CATEGORIES))).toList();

        assertThat(visits).hasSize(c.visits().size()).isNotEmpty();
        assertThat(visits).extracting(e -> value(e, Property.UID))
                .containsExactlyElementsOf(c.visits().stream().map(v -> v.id() + "@il7cds").toList());
        assertThat(visits).extracting(e -> value(e, Property.DTSTART))
                .containsExactlyElementsOf(c.visits().stream().map(v -> basic(v.date().toString())).toList());
        assertThat(visits).allSatisfy(e -> assertThat(value(e, Property.SUMMARY)).startsWith("CAND-001: rhIL-7 monitoring: "));
    }

    @Test
    void volumesSitesOverrideAndTotalsAreDescribed() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().concentration("500").maxPerSite("1.0")
                .candidate(Candidates.eligible(Engines.TODAY).without(LabKind.CD4_COUNT).build())
                .override(new EligibilityOverride(OverrideReason.PROTOCOL_DEVIATION_APPROVED, "Dr B", null)).build());

        assertThat(events(CalendarFormats.toICalendar(c))).hasSize(8 + 7);
        VEvent first = doseEvents(CalendarFormats.toICalendar(c)).get(0);
        assertThat(value(first, Property.DESCRIPTION)).contains("Volume 1.40 mL, delivering 700 µg (rounding error"
                + " 0.00%) in 2 sites: 0.70 + 0.70 mL").contains("override PROTOCOL_DEVIATION_APPROVED authorised by Dr B")
                .contains("Course: 8 doses, 5600 µg ordered, 5600 µg delivered in 11.20 mL.");
    }

    @Test
    void acceptanceCalendarAsCsvHasAHeaderAndOneRowPerDose() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().build());
        String csv = CalendarFormats.toCsv(c);

        assertThat(csv).startsWith("calendar_id,pseudonym_id,row_type,item_id,number,date,weekday,course_day,dose_ug,"
                + "delivered_ug,volume_ml,sites,vials,labs,label,override_reason,override_authorised_by,protocol_id,"
                + "rules_version\r\n");
        try (CSVParser parser = CSVParser.parse(csv,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly(CalendarFormats.CSV_HEADER);
        }
        List<CSVRecord> rows = rows(csv, "DOSE");
        assertThat(rows).hasSize(8);
        assertThat(rows).extracting(r -> r.get("date")).containsExactlyElementsOf(ACCEPTANCE_DATES);
        assertThat(rows).extracting(r -> r.get("course_day")).containsExactly("0", "2", "4", "7", "9", "11",
                "14", "16");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("dose_ug")).isEqualTo("700");
            assertThat(r.get("volume_ml")).isEmpty();
            assertThat(r.get("sites")).isEmpty();
            assertThat(r.get("calendar_id")).isEqualTo(c.calendarId());
            assertThat(r.get("pseudonym_id")).isEqualTo("CAND-001");
            assertThat(r.get("delivered_ug")).isEmpty();
            assertThat(r.get("override_reason")).isEmpty();
            assertThat(r.get("protocol_id")).isEqualTo("levy-2009");
            assertThat(r.get("rules_version")).isEqualTo(c.rulesVersion());
        });
        assertThat(rows.get(0).get("item_id")).isEqualTo(c.calendarId() + "-D1");
        assertThat(rows.get(0).get("weekday")).isEqualTo("MONDAY");
        assertThat(rows.get(7).get("number")).isEqualTo("8");
        assertThat(rows(csv, "VISIT")).hasSize(c.visits().size()).allSatisfy(r -> {
            assertThat(r.get("labs")).isNotEmpty();
            assertThat(r.get("label")).isNotEmpty();
            assertThat(r.get("dose_ug")).isEmpty();
        }).extracting(r -> r.get("item_id")).containsExactlyElementsOf(c.visits().stream().map(v -> v.id()).toList());
        assertThat(rows(csv, "COURSE_TOTAL")).singleElement().satisfies(r -> {
            assertThat(r.get("number")).isEqualTo("8");
            assertThat(r.get("dose_ug")).isEqualTo("5600");
            assertThat(r.get("vials")).isEmpty();
        });
    }

    @Test
    void csvCarriesTheOverrideTheDeliveredDoseAndTheVialsOnItsRows() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().weightKg("82.3").doseLevel("3")
                .concentration("1000").vialSize("500")
                .candidate(Candidates.eligible(Engines.TODAY).without(LabKind.CD4_COUNT).build())
                .override(new EligibilityOverride(OverrideReason.DATA_CONFIRMED_BY_INVESTIGATOR, "Dr B", null)).build());
        String csv = CalendarFormats.toCsv(c);

        assertThat(rows(csv, "DOSE")).hasSize(8).allSatisfy(r -> {
            assertThat(r.get("dose_ug")).isEqualTo("247");
            assertThat(r.get("volume_ml")).isEqualTo("0.25");
            assertThat(r.get("delivered_ug")).isEqualTo("250");
            assertThat(r.get("override_reason")).isEqualTo("DATA_CONFIRMED_BY_INVESTIGATOR");
            assertThat(r.get("override_authorised_by")).isEqualTo("Dr B");
        });
        assertThat(rows(csv, "COURSE_TOTAL")).singleElement().satisfies(r -> {
            assertThat(r.get("dose_ug")).isEqualTo("1976");
            assertThat(r.get("delivered_ug")).isEqualTo("2000");
            assertThat(r.get("volume_ml")).isEqualTo("2.00");
            assertThat(r.get("vials")).isEqualTo("8");
            assertThat(r.get("override_reason")).isEqualTo("DATA_CONFIRMED_BY_INVESTIGATOR");
        });
    }

    @Test
    void csvCarriesVolumesAndSitesWhenKnown() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().weightKg("70.5").concentration("1000")
                .maxPerSite("0.5").build());
        CSVRecord first = rows(CalendarFormats.toCsv(c), "DOSE").get(0);
        assertThat(first.get("dose_ug")).isEqualTo("705");
        assertThat(first.get("volume_ml")).isEqualTo("0.71");
        assertThat(first.get("delivered_ug")).isEqualTo("710");
        assertThat(first.get("sites")).isEqualTo("0.36;0.35");
    }

    @Test
    void aCalendarStampedWithTheTimeItWasMadeReadsTheSameWhenWrittenAgain() throws Exception {
        DosingCalendar calendar = engine.plan(CalendarRequests.acceptance().build());
        java.time.Instant made = java.time.Instant.parse("2026-11-26T09:15:30.123456Z");

        String first = CalendarFormats.toICalendar(calendar, made);
        Thread.sleep(1_100);
        String again = CalendarFormats.toICalendar(calendar, made);

        assertThat(again).isEqualTo(first);
        assertThat(events(first)).hasSize(8 + calendar.visits().size())
                .allSatisfy(e -> assertThat(value(e, Property.DTSTAMP)).isEqualTo("20261126T091530Z"));
    }
}
