package org.il7cds.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.toJson;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Bad input, each row with the status, problem type and (where there is one) the field it must name. */
class BadInputIT extends ApiIT {

    private static final String ONE = "/v1/eligibility/assessments";
    private static final String BATCH = "/v1/eligibility/assessments/batch";
    private static final String CALENDARS = "/v1/dosing/calendars";
    private static final String JSON_TYPE = "application/json";

    record Case(String method, String path, String contentType, String accept, String body, int status, String type,
            String field) {
        @Override
        public String toString() {
            return status + " " + type + (field == null ? "" : " at " + field);
        }
    }

    private static Case post(String path, String body, int status, String type, String field) {
        return new Case("POST", path, JSON_TYPE, null, body, status, type, field);
    }

    private static String candidate(Consumer<Map<String, Object>> change) {
        Map<String, Object> c = eligibleCandidate();
        change.accept(c);
        return toJson(assessment(c));
    }

    static Stream<Arguments> badInputs() {
        String good = toJson(assessment(eligibleCandidate()));
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(map("pseudonymId", "C" + i));
        }
        String huge = toJson(assessment(map("pseudonymId", "CAND-001", "art",
                map("currentDrugs", list("x".repeat(600_000), "y".repeat(600_000))))));
        return Stream.of(
                Arguments.of("malformed JSON", post(ONE, "{\"candidate\": {", 400, "malformed-json", null)),
                Arguments.of("trailing garbage", post(ONE, good + " }", 400, "malformed-json", null)),
                Arguments.of("empty body", post(ONE, "", 400, "malformed-json", null)),
                Arguments.of("duplicated key", post(ONE, "{\"candidate\":{\"pseudonymId\":\"A\",\"pseudonymId\":\"B\"}}",
                        400, "malformed-json", null)),
                Arguments.of("wrong type: age as a string", post(ONE, candidate(c -> c.put("ageYears", "40")),
                        400, "validation", "candidate.ageYears")),
                Arguments.of("wrong type: CD4 value as a string", post(ONE, candidate(c -> c.put("cd4Counts",
                        list(lab("250", "cells/uL")))), 400, "validation", "candidate.cd4Counts[0].value")),
                Arguments.of("wrong type: age as a fraction", post(ONE, candidate(c -> c.put("ageYears", 40.5)),
                        400, "validation", "candidate.ageYears")),
                Arguments.of("wrong type: boolean as 1", post(ONE, candidate(c -> c.put("pregnant", 1)),
                        400, "validation", "candidate.pregnant")),
                Arguments.of("invalid enum", post(ONE, candidate(c -> c.put("sex", "M")), 400, "validation",
                        "candidate.sex")),
                Arguments.of("invalid date", post(ONE, candidate(c -> c.put("birthDate", "1986-13-45")), 400,
                        "validation", "candidate.birthDate")),
                Arguments.of("unknown field cd4Count", post(ONE, candidate(c -> c.put("cd4Count", c.remove("cd4Counts"))),
                        400, "unknown-field", "candidate.cd4Count")),
                Arguments.of("missing pseudonymId", post(ONE, candidate(c -> c.remove("pseudonymId")), 400,
                        "validation", "candidate.pseudonymId")),
                Arguments.of("a name instead of a pseudonym", post(ONE, candidate(c -> c.put("pseudonymId", "Jane Doe")),
                        400, "validation", "candidate.pseudonymId")),
                Arguments.of("missing candidate", post(ONE, "{}", 400, "validation", "candidate")),
                Arguments.of("negative CD4 value", post(ONE, candidate(c -> c.put("cd4Counts", list(lab(-5, "cells/uL")))),
                        400, "validation", "candidate.cd4Counts[0].value")),
                Arguments.of("absurd decimal scale", post(ONE, "{\"candidate\":{\"pseudonymId\":\"A\",\"cd4Counts\":"
                        + "[{\"value\":1e-999999999,\"unit\":\"cells/uL\",\"sampleDate\":\"2026-11-19\"}]}}",
                        400, "validation", "candidate.cd4Counts[0].value")),
                Arguments.of("future sample date", post(ONE, candidate(c -> c.put("platelets", list(map("value", 220,
                        "unit", "10*9/L", "sampleDate", "2026-12-01")))), 400, "validation", "candidate.platelets[0].sampleDate")),
                Arguments.of("unknown unit", post(ONE, candidate(c -> c.put("cd4Counts", list(lab(250, "furlongs")))),
                        400, "validation", "candidate.cd4Counts[0].unit")),
                Arguments.of("IU/mL viral load", post(ONE, candidate(c -> c.put("hivRna", list(map("value", 20, "unit",
                        "IU/mL", "sampleDate", "2026-11-19")))), 400, "validation", "candidate.hivRna[0].unit")),
                Arguments.of("lab index mapped back past other labs", post(ONE, candidate(c -> c.put("creatinine",
                        list(map("value", 0.9, "unit", "mg/dL", "upperLimitOfNormal", 1.2, "sampleDate", "2026-11-19"),
                                map("value", 0.9, "unit", "g", "upperLimitOfNormal", 1.2, "sampleDate", "2026-11-19")))),
                        400, "validation", "candidate.creatinine[1].unit")),
                // Found by review: impossible values, null items and unbounded dates are refused, not decided on.
                Arguments.of("haemoglobin in g/L sent as g/dL", post(ONE, candidate(c -> c.put("haemoglobin",
                        list(lab(95, "g/dL")))), 400, "validation", "candidate.haemoglobin[0].unit")),
                Arguments.of("creatinine ULN in another unit", post(ONE, candidate(c -> c.put("creatinine",
                        list(map("value", 3.0, "unit", "mg/dL", "upperLimitOfNormal", 106, "sampleDate", "2026-11-19")))),
                        400, "validation", "candidate.creatinine[0].unit")),
                Arguments.of("null item in a lab array", post(ONE, "{\"candidate\":{\"pseudonymId\":\"A\",\"cd4Counts\":[null]}}",
                        400, "validation", null)),
                Arguments.of("null item in the drugs", post(ONE, "{\"candidate\":{\"pseudonymId\":\"A\",\"art\":{\"currentDrugs\":[null]}}}",
                        400, "validation", null)),
                Arguments.of("as-of date far in the future", post(ONE, "{\"asOf\":\"+11761247-12-19\",\"candidate\":{\"pseudonymId\":\"A\"}}",
                        400, "validation", "asOf")),
                Arguments.of("as-of date before c-ART existed", post(ONE, "{\"asOf\":\"1990-01-01\",\"candidate\":{\"pseudonymId\":\"A\"}}",
                        400, "validation", "asOf")),
                Arguments.of("calendar: first injection in year 999999999", post(CALENDARS, toJson(withFirstInjection(
                        "+999999999-12-27")), 400, "validation", "firstInjectionDate")),
                Arguments.of("calendar: null closure", post(CALENDARS, toJson(withClosuresList(
                        java.util.Arrays.asList((Object) null))), 400, "validation", null)),
                // The string lengths and array sizes declared in openapi.yaml are enforced.
                Arguments.of("drug name above 80 characters", post(ONE, candidate(c -> c.put("art", map("currentDrugs",
                        list("d".repeat(81))))), 400, "validation", null)),
                Arguments.of("more than 20 drugs", post(ONE, candidate(c -> c.put("art", map("currentDrugs",
                        new ArrayList<>(java.util.Collections.nCopies(21, "dolutegravir"))))), 400, "validation", null)),
                Arguments.of("more than 100 CD4 results", post(ONE, candidate(c -> c.put("cd4Counts",
                        new ArrayList<>(java.util.Collections.nCopies(101, lab(250, "cells/uL"))))), 400, "validation",
                        "candidate.cd4Counts")),
                Arguments.of("calendar: more than 400 closures", post(CALENDARS, toJson(withClosures(401)), 400,
                        "validation", "closures")),
                Arguments.of("calendar: override note above 1000 characters", post(CALENDARS, toJson(withOverrideNote(
                        "n".repeat(1001))), 400, "validation", "override.note")),
                Arguments.of("too large body", post(ONE, huge, 413, "payload-too-large", null)),
                Arguments.of("too large batch", post(BATCH, toJson(map("candidates", many)), 413, "batch-too-large", null)),
                Arguments.of("empty batch", post(BATCH, "{\"candidates\":[]}", 400, "validation", "candidates")),
                Arguments.of("wrong Content-Type", new Case("POST", ONE, "text/plain", null, good, 415,
                        "unsupported-media-type", null)),
                Arguments.of("no Content-Type", new Case("POST", ONE, null, null, good, 415, "unsupported-media-type", null)),
                Arguments.of("unsupported Accept", new Case("POST", ONE, JSON_TYPE, "text/html", good, 406,
                        "not-acceptable", null)),
                Arguments.of("CSV asked of an assessment", new Case("POST", ONE, JSON_TYPE, "text/csv", good, 406,
                        "not-acceptable", null)),
                Arguments.of("unsupported Accept for a calendar", new Case("POST", CALENDARS, JSON_TYPE, "text/html",
                        toJson(Bodies.calendarRequest(eligibleCandidate())), 406, "not-acceptable", null)),
                Arguments.of("calendar: wrong Content-Type", new Case("POST", CALENDARS, "application/xml", null, "<x/>",
                        415, "unsupported-media-type", null)),
                Arguments.of("calendar: missing dose level", post(CALENDARS, toJson(map("weightKg", 70,
                        "weightMeasuredOn", "2026-11-24", "firstInjectionDate", "2026-11-30",
                        "candidate", eligibleCandidate())), 400, "validation", "doseLevelUgPerKg")),
                Arguments.of("calendar: unknown override reason", post(CALENDARS, toJson(withOverride("BECAUSE")),
                        400, "validation", "override.reasonCode")),
                Arguments.of("unknown protocol", post(ONE, toJson(map("protocolId", "levy-2010", "candidate",
                        eligibleCandidate())), 404, "unknown-protocol", null)),
                Arguments.of("malformed protocol id", post(ONE, toJson(map("protocolId", "LEVY 2009!", "candidate",
                        eligibleCandidate())), 400, "validation", "protocolId")),
                Arguments.of("unknown route under an allowed area", new Case("GET", "/v1/protocols/levy-2009/nothing-here",
                        null, null, null, 404, "not-found", null)),
                Arguments.of("unknown route under an allowed area, POST", post("/v1/eligibility/nothing-here", good, 404,
                        "not-found", null)),
                // Deny by default: a path no rule allows is refused before routing, even to a valid credential.
                Arguments.of("route outside every allowed area", new Case("GET", "/v1/nothing-here", null, null, null,
                        403, "forbidden", null)),
                Arguments.of("wrong method", new Case("DELETE", "/v1/eligibility/assessments", null, null, null, 405,
                        "method-not-allowed", null)));
    }

    private static Map<String, Object> withClosures(int n) {
        Map<String, Object> body = Bodies.calendarRequest(eligibleCandidate());
        List<Object> closures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            closures.add(java.time.LocalDate.of(2027, 1, 1).plusDays(i).toString());
        }
        body.put("closures", closures);
        return body;
    }

    private static Map<String, Object> withClosuresList(List<Object> closures) {
        Map<String, Object> body = Bodies.calendarRequest(eligibleCandidate());
        body.put("closures", closures);
        return body;
    }

    private static Map<String, Object> withFirstInjection(String date) {
        Map<String, Object> body = Bodies.calendarRequest(eligibleCandidate());
        body.put("firstInjectionDate", date);
        return body;
    }

    private static Map<String, Object> withOverrideNote(String note) {
        Map<String, Object> body = Bodies.calendarRequest(eligibleCandidate());
        body.put("override", map("reasonCode", "COMPASSIONATE_USE", "authorisedBy", "Dr X", "note", note));
        return body;
    }

    private static Map<String, Object> withOverride(String reason) {
        Map<String, Object> body = Bodies.calendarRequest(eligibleCandidate());
        body.put("override", map("reasonCode", reason, "authorisedBy", "Dr X"));
        return body;
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("badInputs")
    void answersBadInputWithTheDocumentedProblem(String name, Case c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(c.path()));
        b.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(c.body()));
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        if (c.accept() != null) {
            b.header("Accept", c.accept());
        }
        b.header("Authorization", DEFAULT_AUTHORIZATION);
        HttpResponse<String> r = send(b.build());

        boolean documented = c.method().equals("POST") && List.of(ONE, BATCH, CALENDARS).contains(c.path())
                || c.method().equals("GET") && c.path().startsWith("/v1/rules");
        JsonNode problem = assertProblem(r, c.status(), c.type(), c.method(), documented ? c.path() : null);
        assertThat(problem.path("detail").asString()).isNotBlank();
        if (c.field() != null) {
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).as(r.body()).contains(c.field());
        }
    }
}
