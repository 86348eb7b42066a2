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

    @Test
    void acceptanceCalendarAsICalendarHasEightAllDayDoseEventsOnTheExpectedDates() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().build());
        String ics = CalendarFormats.toICalendar(c);

        List<VEvent> events = events(ics);
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
        assertThat(value(events.get(2), Property.SUMMARY)).isEqualTo("rhIL-7 dose 3 of 8: 700 µg SC");
        assertThat(new CalendarBuilder().build(new StringReader(ics)).getProperty(Property.PRODID).orElseThrow()
                .getValue()).isEqualTo(CalendarFormats.PRODID);
        assertThat(ics).doesNotContain("CAND-001");
    }

    @Test
    void volumesSitesAndOverrideAreDescribedAndVisitsAreOptionalEvents() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().concentration("500").maxPerSite("1.0")
                .candidate(Candidates.eligible(Engines.TODAY).without(LabKind.CD4_COUNT).build())
                .override(new EligibilityOverride(OverrideReason.PROTOCOL_DEVIATION_APPROVED, "Dr B", null)).build());

        List<VEvent> withVisits = events(CalendarFormats.toICalendar(c, true));
        assertThat(withVisits).hasSize(8 + 7);
        assertThat(withVisits).filteredOn(e -> "rhIL-7 monitoring".equals(value(e, Property.CATEGORIES)))
                .extracting(e -> value(e, Property.UID))
                .containsExactlyElementsOf(c.visits().stream().map(v -> v.id() + "@il7cds").toList());
        VEvent first = events(CalendarFormats.toICalendar(c)).get(0);
        assertThat(value(first, Property.DESCRIPTION)).contains("Volume 1.40 mL (rounding error 0.00%) in 2 sites:"
                + " 0.70 + 0.70 mL").contains("override PROTOCOL_DEVIATION_APPROVED authorised by Dr B");
    }

    @Test
    void acceptanceCalendarAsCsvHasAHeaderAndOneRowPerDose() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().build());
        String csv = CalendarFormats.toCsv(c);

        assertThat(csv).startsWith("calendar_id,dose_id,number,date,weekday,course_day,dose_ug,volume_ml,sites,"
                + "protocol_id,rules_version\r\n");
        try (CSVParser parser = CSVParser.parse(csv,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> rows = parser.getRecords();
            assertThat(parser.getHeaderNames()).containsExactly(CalendarFormats.CSV_HEADER);
            assertThat(rows).hasSize(8);
            assertThat(rows).extracting(r -> r.get("date")).containsExactlyElementsOf(ACCEPTANCE_DATES);
            assertThat(rows).extracting(r -> r.get("course_day")).containsExactly("0", "2", "4", "7", "9", "11",
                    "14", "16");
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.get("dose_ug")).isEqualTo("700");
                assertThat(r.get("volume_ml")).isEmpty();
                assertThat(r.get("sites")).isEmpty();
                assertThat(r.get("calendar_id")).isEqualTo(c.calendarId());
                assertThat(r.get("protocol_id")).isEqualTo("levy-2009");
                assertThat(r.get("rules_version")).isEqualTo(c.rulesVersion());
            });
            assertThat(rows.get(0).get("dose_id")).isEqualTo(c.calendarId() + "-D1");
            assertThat(rows.get(0).get("weekday")).isEqualTo("MONDAY");
            assertThat(rows.get(7).get("number")).isEqualTo("8");
        }
        assertThat(csv).doesNotContain("CAND-001");
    }

    @Test
    void csvCarriesVolumesAndSitesWhenKnown() throws Exception {
        DosingCalendar c = engine.plan(CalendarRequests.acceptance().weightKg("70.5").concentration("1000")
                .maxPerSite("0.5").build());
        try (CSVParser parser = CSVParser.parse(CalendarFormats.toCsv(c),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            CSVRecord first = parser.getRecords().get(0);
            assertThat(first.get("dose_ug")).isEqualTo("705");
            assertThat(first.get("volume_ml")).isEqualTo("0.71");
            assertThat(first.get("sites")).isEqualTo("0.36;0.35");
        }
    }

    @Test
    void aCalendarStampedWithTheTimeItWasMadeReadsTheSameWhenWrittenAgain() throws Exception {
        DosingCalendar calendar = engine.plan(CalendarRequests.acceptance().build());
        java.time.Instant made = java.time.Instant.parse("2026-11-26T09:15:30.123456Z");

        String first = CalendarFormats.toICalendar(calendar, true, made);
        Thread.sleep(1_100);
        String again = CalendarFormats.toICalendar(calendar, true, made);

        assertThat(again).isEqualTo(first);
        assertThat(events(first)).hasSize(8 + calendar.visits().size())
                .allSatisfy(e -> assertThat(value(e, Property.DTSTAMP)).isEqualTo("20261126T091530Z"));
    }
}
