package org.il7cds.api.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.calendarRequest;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.toJson;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.HostileJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * POST /v1/dosing/calendars end to end. Every test here needs the dosing engine (DosingEngine.plan and
 * CalendarFormats), so this class fails until the dosing implementation is merged; nothing else depends on it.
 */
class CalendarApiIT extends ApiIT {

    private static final String CALENDARS = "/v1/dosing/calendars";

    private HttpResponse<String> plan(Map<String, Object> body, String accept) {
        String json = toJson(body);
        Contract.assertValidRequest("POST", CALENDARS, json);
        return post(CALENDARS, json, "application/json", accept);
    }

    @Test
    void plansACalendarAsJson() {
        HttpResponse<String> r = plan(calendarRequest(eligibleCandidate()), "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("application/json");
        Contract.assertValid("POST", CALENDARS, r);
        JsonNode c = json(r);
        assertThat(c.path("eligibility").asString()).isEqualTo("ELIGIBLE");
        assertThat(c.path("doses").size()).isPositive();
        assertThat(c.path("doses").get(0).path("date").asString()).isEqualTo("2026-11-30");
    }

    @Test
    void answersJsonWhenAnythingIsAccepted() {
        HttpResponse<String> r = plan(calendarRequest(eligibleCandidate()), "*/*");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("application/json");
    }

    @Test
    void plansACalendarAsICalendar() {
        HttpResponse<String> r = plan(calendarRequest(eligibleCandidate()), "text/calendar");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("text/calendar");
        assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains(".ics"));
        assertThat(r.body()).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VEVENT", "20261130");
        Contract.assertValid("POST", CALENDARS, r);
    }

    @Test
    void theICalendarFileParsesWithIcal4jAndHoldsTheDosesAndTheVisits() throws Exception {
        HttpResponse<String> r = plan(calendarRequest(eligibleCandidate()), "text/calendar");
        JsonNode c = json(plan(calendarRequest(eligibleCandidate()), "application/json"));
        List<VEvent> events = new CalendarBuilder().build(new StringReader(r.body()))
                .getComponents(Component.VEVENT).stream().map(VEvent.class::cast).toList();
        List<String> doseDays = new ArrayList<>();
        c.path("doses").forEach(d -> doseDays.add(d.path("date").asString().replace("-", "")));
        List<String> visitDays = new ArrayList<>();
        c.path("visits").forEach(v -> visitDays.add(v.path("date").asString().replace("-", "")));
        assertThat(events).filteredOn(e -> text(e, Property.CATEGORIES).equals("rhIL-7 dose"))
                .extracting(e -> text(e, Property.DTSTART)).containsExactlyElementsOf(doseDays).hasSize(8);
        assertThat(events).filteredOn(e -> text(e, Property.CATEGORIES).equals("rhIL-7 monitoring"))
                .extracting(e -> text(e, Property.DTSTART)).containsExactlyElementsOf(visitDays).isNotEmpty();
        assertThat(events).allSatisfy(e -> assertThat(text(e, Property.SUMMARY)).startsWith("CAND-001: "));
    }

    private static String text(VEvent e, String property) {
        return e.getProperty(property).map(Property::getValue).orElse("");
    }

    @Test
    void aPlanningDateInThePastGivesTheCalendarAsPlannedThen() {
        Map<String, Object> body = calendarRequest(eligibleCandidate());
        body.put("asOf", "2026-11-16");
        body.put("weightMeasuredOn", "2026-11-16");
        body.put("firstInjectionDate", "2026-11-23"); // a Monday before today (2026-11-26)
        body.put("concentrationUgPerMl", 1000);
        body.put("vialSizeUg", 500);
        HttpResponse<String> r = plan(body, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", CALENDARS, r);
        JsonNode c = json(r);
        assertThat(c.path("asOf").asString()).isEqualTo("2026-11-16");
        assertThat(c.path("pseudonymId").asString()).isEqualTo("CAND-001");
        assertThat(c.path("doses").get(0).path("date").asString()).isEqualTo("2026-11-23");
        // 70.5 kg x 10 = 705 µg = 0.705 mL, drawn as 0.71 mL = 710 µg; two vials of 500 µg per dose.
        assertThat(c.path("doses").get(0).path("deliveredUg").decimalValue()).isEqualByComparingTo("710");
        assertThat(c.path("totals").path("vials").asInt()).isEqualTo(16);
        assertThat(c.path("totals").path("orderedUg").decimalValue()).isEqualByComparingTo("5640");
        body.remove("asOf");
        assertProblem(plan(body, null), 400, "validation", "POST", CALENDARS);
    }

    @Test
    void plansACalendarAsCsv() {
        HttpResponse<String> r = plan(calendarRequest(eligibleCandidate()), "text/csv;q=0.9, text/html;q=0.1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("text/csv");
        assertThat(r.body().lines().count()).isGreaterThan(1);
        assertThat(r.body()).contains("2026-11-30");
        Contract.assertValid("POST", CALENDARS, r);
    }

    @Test
    void refusesACandidateWhoIsNotEligibleWithTheAssessmentAttached() {
        Map<String, Object> candidate = eligibleCandidate();
        candidate.put("cd4Counts", list(lab(99, "cells/uL")));
        HttpResponse<String> r = plan(calendarRequest(candidate), null);
        JsonNode problem = assertProblem(r, 422, "calendar-refused", "POST", CALENDARS);
        assertThat(problem.path("assessment").path("verdict").asString()).isEqualTo("NOT_ELIGIBLE");
    }

    @Test
    void anOverrideAllowsACalendarAndIsRecorded() {
        Map<String, Object> candidate = eligibleCandidate();
        candidate.put("cd4Counts", list(lab(99, "cells/uL")));
        Map<String, Object> body = calendarRequest(candidate);
        body.put("override", map("reasonCode", "PROTOCOL_DEVIATION_APPROVED", "authorisedBy", "PI-0042"));
        HttpResponse<String> r = plan(body, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", CALENDARS, r);
        assertThat(json(r).path("override").path("reasonCode").asString()).isEqualTo("PROTOCOL_DEVIATION_APPROVED");
    }

    @Test
    void aCourseThatCannotBePlacedIsA422ListingTheUnplacedDoses() {
        Map<String, Object> body = calendarRequest(eligibleCandidate());
        List<Object> closures = new ArrayList<>();
        LocalDate first = LocalDate.parse((String) body.get("firstInjectionDate"));
        for (int d = 1; d <= 120; d++) {
            closures.add(first.plusDays(d).toString());
        }
        body.put("closures", closures);
        JsonNode problem = assertProblem(plan(body, null), 422, "schedule-infeasible", "POST", CALENDARS);
        assertThat(problem.path("unplacedDoses").size()).isPositive();
    }

    @Test
    void hostileCalendarRequestsNeverYieldA5xx() {
        HostileJson gen = new HostileJson(42L);
        for (int i = 0; i < 500; i++) {
            String body = gen.assessmentBody().replaceFirst("\\{\"candidate\"",
                    "{\"doseLevelUgPerKg\":10,\"weightKg\":70,\"weightMeasuredOn\":\"2026-11-24\","
                            + "\"firstInjectionDate\":\"2026-11-30\",\"candidate\"");
            assertHandled(post(CALENDARS, body), "case " + i + ": " + HostileJson.abbreviate(body));
        }
    }
}
