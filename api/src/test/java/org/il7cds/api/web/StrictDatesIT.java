package org.il7cds.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * {@code asOf} and every other date of a request are exactly {@code YYYY-MM-DD} (issue 12: a date-time and a
 * trailing space were accepted as dates). Each date field of each operation, with each near-date form: a 400
 * naming the field; the same field with a plain date is not refused as a malformed one.
 */
class StrictDatesIT extends ApiIT {

    private static final String DATE = "2026-11-19";
    private static final List<String> NOT_DATES = List.of("2026-11-19T10:00:00", "2026-11-19T00:00:00Z",
            "2026-11-19 ", " 2026-11-19", "2026-11-19\\n", "2026-11-19Z", "2026-11-19+01:00", "20261119", "2026-1-19",
            "+2026-11-19", "2026-02-30", "2026-11-19x", "２０２６-11-19");

    /** A date field: operation, key, the body with the date text spliced in at {@code D}, and the field's name. */
    record Slot(String path, TestKeys key, String field, UnaryOperator<String> body) {
        @Override
        public String toString() {
            return path + " " + field;
        }
    }

    private static final List<Slot> SLOTS = List.of(
            new Slot("/v1/eligibility/assessments", TestKeys.SCREENER, "asOf", d -> assessment("asOf", d)),
            new Slot("/v1/eligibility/assessments", TestKeys.SCREENER, "candidate.birthDate",
                    d -> "{\"candidate\":{\"pseudonymId\":\"A\",\"birthDate\":\"" + d + "\"}}"),
            new Slot("/v1/eligibility/assessments", TestKeys.SCREENER, "candidate.cd4Counts[0].sampleDate",
                    d -> "{\"candidate\":{\"pseudonymId\":\"A\",\"cd4Counts\":[{\"value\":250,\"unit\":\"cells/uL\","
                            + "\"sampleDate\":\"" + d + "\"}]}}"),
            new Slot("/v1/eligibility/assessments", TestKeys.SCREENER, "candidate.art.lastRegimenChange",
                    d -> "{\"candidate\":{\"pseudonymId\":\"A\",\"art\":{\"startDate\":\"2020-01-01\","
                            + "\"lastRegimenChange\":\"" + d + "\"}}}"),
            new Slot("/v1/eligibility/assessments/batch", TestKeys.SCREENER, "asOf",
                    d -> "{\"asOf\":\"" + d + "\",\"candidates\":[{\"pseudonymId\":\"A\"}]}"),
            new Slot("/v1/dosing/calendars", TestKeys.PHARMACIST, "weightMeasuredOn", d -> calendar("weightMeasuredOn", d)),
            new Slot("/v1/dosing/calendars", TestKeys.PHARMACIST, "firstInjectionDate",
                    d -> calendar("firstInjectionDate", d)),
            new Slot("/v1/dosing/calendars", TestKeys.PHARMACIST, "closures[1]",
                    d -> calendar("closures", "2027-01-01\",\"" + d)),
            new Slot("/v1/rules/previews", TestKeys.INFORMATICIAN, "asOf",
                    d -> "{\"rules\":{\"source\":\"upload\",\"files\":{}},\"asOf\":\"" + d + "\"}"));

    private static String assessment(String field, String date) {
        Map<String, Object> body = Bodies.assessment(Bodies.eligibleCandidate());
        body.put(field, "@DATE@");
        return Bodies.toJson(body).replace("@DATE@", date);
    }

    private static String calendar(String field, String date) {
        Map<String, Object> body = Bodies.calendarRequest(Bodies.eligibleCandidate());
        body.put(field, field.equals("closures") ? List.of("@DATE@") : "@DATE@");
        return Bodies.toJson(body).replace("@DATE@", date);
    }

    @Test
    void everyDateFieldRefusesEveryNearDateNamingTheField() {
        for (Slot slot : SLOTS) {
            for (String notADate : NOT_DATES) {
                String what = slot + " = \"" + notADate + "\"";
                HttpResponse<String> r = post(slot.path(), slot.body().apply(notADate), "application/json", null,
                        slot.key().authorization());
                assertValidationNames(r, slot.field(), what);
                Contract.assertValid("POST", slot.path(), r);
            }
        }
    }

    @Test
    void aPlainDateIsNotRefusedAsADate() {
        for (Slot slot : SLOTS) {
            HttpResponse<String> r = post(slot.path(), slot.body().apply(DATE), "application/json", null,
                    slot.key().authorization());
            assertHandled(r, slot.toString());
            // Refused for other reasons maybe (a date too old for its purpose), but not as a malformed date.
            List<String> formatErrors = new ArrayList<>();
            if (r.statusCode() >= 400) {
                json(r).path("errors").forEach(e -> {
                    if (e.path("message").asString().contains("(YYYY-MM-DD)")) {
                        formatErrors.add(e.path("field").asString());
                    }
                });
            }
            assertThat(formatErrors).as(slot + ": " + r.body()).doesNotContain(slot.field());
        }
    }
}
