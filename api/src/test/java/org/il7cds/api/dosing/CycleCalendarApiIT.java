package org.il7cds.api.dosing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A new cycle's calendar over HTTP (POST /v1/dosing/cycle-calendars): indicated at CD4 549 and refused at 550 with the
 * decision, one day short of the interval with its earliest date, the repeat HIV-1 RNA after a blip on the visits (JSON,
 * iCalendar, CSV), recorded and replayed, the pharmacist's only, and bad course histories as problems, never a 500.
 */
class CycleCalendarApiIT extends ApiIT {

    private static final String CYCLES = "/v1/dosing/cycle-calendars";
    private static final String AUDITOR = TestKeys.AUDITOR.authorization();

    /** One previous cycle of three weekly doses from 2026-06-01. */
    private static final String HISTORY = """
            [{"protocolId":"inspire-2","doseLevelUgPerKg":20,"doseDates":["2026-06-01","2026-06-08","2026-06-15"]}]""";

    private static String candidate(String cd4, String hivRna) {
        return """
                {"pseudonymId":"CYC-1","birthDate":"1979-04-02","sex":"MALE",
                 "cd4Counts":[{"value":%s,"unit":"cells/uL","sampleDate":"2026-11-19"}],
                 "hivRna":%s}""".formatted(cd4, hivRna);
    }

    private static final String SUPPRESSED = """
            [{"value":20,"comparator":"<","unit":"copies/mL","sampleDate":"2026-11-19"}]""";

    private static String body(String candidate, String previousCycles, String extra) {
        return """
                {"calendar":{"protocolId":"inspire-2","doseLevelUgPerKg":20,"weightKg":70,"weightMeasuredOn":"2026-11-24",
                             "firstInjectionDate":"2026-12-07","candidate":%s%s}%s}"""
                .formatted(candidate, extra, previousCycles == null ? "" : ",\"previousCycles\":" + previousCycles);
    }

    private HttpResponse<String> plan(String body) {
        return post(CYCLES, body);
    }

    private HttpResponse<String> plan(String body, String accept) {
        return post(CYCLES, body, "application/json", accept);
    }

    private JsonNode replay(String decisionId) {
        HttpResponse<String> r = post("/v1/decisions/" + decisionId + "/replay", "", null, "application/json", AUDITOR);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    @Test
    void aNewCycleIndicatedAtCd4549IsPlannedByTheDosingRulesRecordedAndReplayed() {
        HttpResponse<String> r = plan(body(candidate("549", SUPPRESSED), HISTORY, ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", CYCLES, r);
        JsonNode c = json(r);
        assertThat(c.path("eligibility").asString()).isEqualTo("ELIGIBLE");
        assertThat(c.path("doses").size()).isEqualTo(3);
        assertThat(c.path("doses").get(2).path("date").asString()).isEqualTo("2026-12-21");
        assertThat(c.path("doses").get(0).path("doseUg").decimalValue()).isEqualByComparingTo("1400");
        for (JsonNode v : c.path("visits")) {
            assertThat(v.has("actions")).as(v.toString()).isFalse();
        }
        String id = c.path("decisionId").asString();
        HttpResponse<String> rec = get("/v1/decisions/" + id, "application/json", AUDITOR);
        assertThat(json(rec).path("operation").asString()).isEqualTo("cycle-calendar");
        assertThat(json(rec).path("verdict").asString()).isEqualTo("ELIGIBLE");
        assertThat(json(rec).path("calendarId").asString()).isEqualTo(c.path("calendarId").asString());
        assertThat(replay(id).path("identical").asBoolean()).isTrue();
        // Printed again by its id, as a first course's calendar is.
        HttpResponse<String> again = get("/v1/dosing/calendars/" + c.path("calendarId").asString(), "application/json");
        assertThat(again.body()).isEqualTo(r.body());
    }

    @Test
    void atCd4550ThereIsNoCalendarButTheDecisionAndWhatWouldSettleIt() {
        HttpResponse<String> r = plan(body(candidate("550", SUPPRESSED), HISTORY, ""));
        JsonNode p = assertProblem(r, 422, "cycle-not-indicated", "POST", CYCLES);
        assertThat(p.has("doses")).isFalse();
        JsonNode d = p.path("retreatment");
        assertThat(d.path("decision").asString()).isEqualTo("NOT_INDICATED");
        assertThat(d.path("asOf").asString()).isEqualTo("2026-12-07");
        assertThat(d.has("earliestDate")).isFalse();
        assertThat(d.path("settleBy").get(0).asString()).startsWith("cd4-below-retreatment");
        assertThat(p.path("detail").asString()).contains("NOT_INDICATED", "2026-12-07");
        assertThat(replay(p.path("decisionId").asString()).path("identical").asBoolean()).isTrue();
    }

    @Test
    void oneDayShortOfTheIntervalTheRefusalNamesTheEarliestDate() {
        // Last dose 2026-09-15, first injection 2026-12-07: 83 days (assumption: at least 84).
        String history = """
                [{"protocolId":"inspire-2","doseDates":["2026-09-01","2026-09-08","2026-09-15"]}]""";
        JsonNode p = assertProblem(plan(body(candidate("480", SUPPRESSED), history, "")), 422, "cycle-not-indicated",
                "POST", CYCLES);
        assertThat(p.path("retreatment").path("earliestDate").asString()).isEqualTo("2026-12-08");
        assertThat(p.path("detail").asString()).contains("earliest date it could be indicated is 2026-12-08");
    }

    @Test
    void aRepeatHivRnaDueAfterABlipIsOnTheVisitsWithItsRuleInEveryRepresentation() {
        // 150 copies/mL on 2026-11-19 after <20 before the previous cycle: a blip, not re-suppressed, so the cycle is
        // not indicated; under an approved deviation the calendar's day-0 visit carries the repeat test.
        String blip = """
                [{"value":20,"comparator":"<","unit":"copies/mL","sampleDate":"2026-05-25"},
                 {"value":150,"unit":"copies/mL","sampleDate":"2026-11-19"}]""";
        String body = body(candidate("480", blip), HISTORY,
                ",\"override\":{\"reasonCode\":\"PROTOCOL_DEVIATION_APPROVED\",\"authorisedBy\":\"Dr Investigator\"}");
        HttpResponse<String> r = plan(body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", CYCLES, r);
        JsonNode c = json(r);
        assertThat(c.path("override").path("reasonCode").asString()).isEqualTo("PROTOCOL_DEVIATION_APPROVED");
        JsonNode action = c.path("visits").get(0).path("actions").get(0);
        assertThat(action.path("action").asString()).isEqualTo("REPEAT_HIV_RNA");
        assertThat(action.path("dueFrom").asString()).isEqualTo("2026-12-03");
        assertThat(action.path("dueBy").asString()).isEqualTo("2026-12-31");
        assertThat(action.path("rule").asString()).startsWith("Blip");
        assertThat(action.path("source").asString()).contains("BHIVA");
        assertThat(c.path("visits").get(1).has("actions")).isFalse();

        HttpResponse<String> ics = plan(body, "text/calendar");
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.body().replace("\r\n ", "")).contains("Monitoring actions due: REPEAT_HIV_RNA from 2026-12-03"
                + " by 2026-12-31");
        HttpResponse<String> csv = plan(body, "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("[REPEAT_HIV_RNA due 2026-12-03 to 2026-12-31]");
        // The recorded JSON, printed again as CSV by its id, still names the action.
        HttpResponse<String> again = get("/v1/dosing/calendars/" + c.path("calendarId").asString(), "text/csv");
        assertThat(again.body()).isEqualTo(csv.body());
    }

    @Test
    void aNewCycleCalendarIsThePharmacists() {
        String body = body(candidate("480", SUPPRESSED), HISTORY, "");
        assertThat(post(CYCLES, body, "application/json", null, TestKeys.SCREENER.authorization()).statusCode())
                .isEqualTo(403);
        assertThat(post(CYCLES, body, "application/json", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aMissingOrHostileCourseHistoryIsAProblemNamingItsFieldNeverA500() {
        String cand = candidate("480", SUPPRESSED);
        assertValidationNames(plan(body(cand, null, "")), "previousCycles", "no course history");
        assertValidationNames(plan(body(cand, "[]", "")), "previousCycles", "an empty course history");
        assertValidationNames(plan(body(cand, "[{\"doseDates\":[\"2026-11-30\"]}]", "")),
                "previousCycles[0].doseDates[0]", "a dose after today");
        assertValidationNames(plan(body(cand, "[{\"doseDates\":[]}]", "")), "previousCycles[0].doseDates",
                "a cycle without doses");
        assertValidationNames(plan(body(cand, "[{\"doseDates\":[\"2026-06-01\"],\"doseLevelUgPerKg\":-1}]", "")),
                "previousCycles[0].doseLevelUgPerKg", "a negative dose level");
        assertValidationNames(plan(body(cand, HISTORY, ",\"protocolId\":\"levy-2009\"")
                .replace("\"protocolId\":\"inspire-2\",\"doseLevelUgPerKg\":20,\"weightKg\"",
                        "\"doseLevelUgPerKg\":10,\"weightKg\"")), "calendar.protocolId", "a protocol without cycles");
        assertValidationNames(plan(body(candidate("480", "[{\"value\":20,\"unit\":\"furlongs\",\"sampleDate\":"
                + "\"2026-11-19\"}]"), HISTORY, "")), "calendar.candidate.hivRna[0].unit", "a bad unit");
        assertValidationNames(plan("{\"previousCycles\":" + HISTORY + "}"), "calendar", "no calendar");
        assertValidationNames(plan(body("null", HISTORY, "")), "calendar.candidate", "no candidate");
        for (String hostile : new String[] {"\"x\"", "[null]", "[{\"doseDates\":[null]}]", "[{\"doseDates\":\"x\"}]",
                "[{\"doseDates\":[\"2026-02-30\"]}]", "[{\"doseDates\":[\"2026-06-01\"],\"extra\":1}]", "{}", "1e999",
                "[{\"doseDates\":[\"2026-06-01\"],\"protocolId\":\"../../etc\"}]"}) {
            HttpResponse<String> r = plan(body(cand, hostile, ""));
            assertHandled(r, hostile);
            assertThat(r.statusCode()).as(hostile + ": " + r.body()).isEqualTo(400);
        }
        assertHandled(plan(body(cand, HISTORY, ",\"candidateBundle\":{\"resourceType\":\"Bundle\"}")), "a bundle");
        assertThat(plan(body(cand, HISTORY, ",\"candidateBundle\":{\"resourceType\":\"Bundle\"}")).statusCode())
                .isEqualTo(400);
    }
}
