package org.il7cds.api.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The course of treatment and the protocol family over HTTP: one candidate against every protocol, a re-treatment
 * decision with its earliest date, a monitoring answer with its actions and visits; screener roles; bad input.
 */
class CourseApiIT extends ApiIT {

    private static final String SCREENER = TestKeys.SCREENER.authorization();

    private static final String CANDIDATE = """
            {"pseudonymId":"CAND-I2","birthDate":"1979-04-02","sex":"MALE",
             "cd4Counts":[{"value":480,"unit":"cells/uL","sampleDate":"2026-11-19"}],
             "hivRna":[{"value":20,"comparator":"<","unit":"copies/mL","sampleDate":"2026-11-19"}]}""";

    @Test
    void aCandidateIsAssessedAgainstEveryActiveProtocol() {
        HttpResponse<String> r = post("/v1/eligibility/protocol-assessments",
                "{\"asOf\":\"2026-11-26\",\"candidate\":" + CANDIDATE + "}", "application/json", null, SCREENER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", "/v1/eligibility/protocol-assessments", r);
        JsonNode body = json(r);
        assertThat(body.path("assessments").size()).isEqualTo(4);
        assertThat(body.path("eligibleFor").size()).isZero();
        // CD4 480 is above every entry range; each assessment says so, criterion by criterion.
        for (JsonNode a : body.path("assessments")) {
            assertThat(a.path("verdict").asString()).isNotEqualTo("ELIGIBLE");
        }
        assertThat(post("/v1/eligibility/protocol-assessments", "{\"protocolIds\":[\"no-such\"],\"candidate\":"
                + CANDIDATE + "}", "application/json", null, SCREENER).statusCode()).isEqualTo(404);
    }

    @Test
    void aNewCycleNotYetIndicatedNamesItsEarliestDate() {
        String body = """
                {"protocolId":"inspire-2","asOf":"2026-11-26","candidate":%s,
                 "previousCycles":[{"protocolId":"inspire-2","doseLevelUgPerKg":20,
                                    "doseDates":["2026-09-07","2026-09-14","2026-09-21"]}]}""".formatted(CANDIDATE);
        HttpResponse<String> r = post("/v1/course/retreatment-decisions", body, "application/json", null, SCREENER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", "/v1/course/retreatment-decisions", r);
        JsonNode d = json(r);
        assertThat(d.path("decision").asString()).isEqualTo("NOT_INDICATED");
        // 66 days since the last dose (assumption: at least 84): the interval is what stands in the way.
        assertThat(d.path("earliestDate").asString()).isEqualTo("2026-12-14");
        JsonNode interval = null;
        for (JsonNode c : d.path("criteria")) {
            if (c.path("id").asString().equals("interval-since-last-dose")) {
                interval = c;
            }
        }
        assertThat(interval.path("type").asString()).isEqualTo("RETREATMENT");
        assertThat(interval.path("notBefore").asString()).isEqualTo("2026-12-14");
        assertThat(interval.path("assumption").asBoolean()).isTrue();
    }

    @Test
    void anUnknownCourseHistoryIsUndeterminedAndAProtocolWithoutCyclesIsBadInput() {
        HttpResponse<String> unknown = post("/v1/course/retreatment-decisions",
                "{\"protocolId\":\"inspire-2\",\"asOf\":\"2026-11-26\",\"candidate\":" + CANDIDATE + "}",
                "application/json", null, SCREENER);
        assertThat(json(unknown).path("decision").asString()).isEqualTo("UNDETERMINED");
        HttpResponse<String> levy = post("/v1/course/retreatment-decisions",
                "{\"protocolId\":\"levy-2009\",\"candidate\":" + CANDIDATE + ",\"previousCycles\":[]}",
                "application/json", null, SCREENER);
        assertThat(levy.statusCode()).isEqualTo(400);
        assertThat(errorFields(levy)).containsExactly("protocolId");
    }

    @Test
    void twoRisesAbove200StopIl7WithTheirRuleAndSource() {
        String body = """
                {"protocolId":"inspire-2","asOf":"2026-11-26","doseDates":["2026-10-05","2026-10-12","2026-10-19"],
                 "candidate":{"pseudonymId":"CAND-I2","hivRna":[
                   {"value":20,"comparator":"<","unit":"copies/mL","sampleDate":"2026-09-28"},
                   {"value":450,"unit":"copies/mL","sampleDate":"2026-10-19"},
                   {"value":800,"unit":"copies/mL","sampleDate":"2026-11-02"}]}}""";
        HttpResponse<String> r = post("/v1/course/monitoring-assessments", body, "application/json", null, SCREENER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", "/v1/course/monitoring-assessments", r);
        JsonNode a = json(r);
        assertThat(a.path("stopIl7").asBoolean()).isTrue();
        assertThat(a.path("results").get(2).path("classification").asString()).isEqualTo("VIROLOGICAL_FAILURE");
        assertThat(a.path("actions").size()).isEqualTo(3);
        for (JsonNode action : a.path("actions")) {
            assertThat(action.path("dueBy").asString()).isEqualTo("2026-11-02");
            assertThat(action.path("overdue").asBoolean()).isTrue();
            assertThat(action.path("rule").asString()).startsWith("Virological failure");
            assertThat(action.path("source").asString()).contains("BHIVA");
        }
    }

    @Test
    void courseOperationsAreTheScreenersAndBadInputNamesItsField() {
        String monitoring = "{\"protocolId\":\"inspire-2\",\"asOf\":\"2026-11-26\",\"doseDates\":[\"2026-11-30\"],"
                + "\"candidate\":{\"pseudonymId\":\"CAND-I2\",\"hivRna\":[{\"value\":20,\"unit\":\"furlongs\","
                + "\"sampleDate\":\"2026-11-19\"}]}}";
        assertThat(post("/v1/course/monitoring-assessments", monitoring, "application/json", null,
                TestKeys.PHARMACIST.authorization()).statusCode()).isEqualTo(403);
        HttpResponse<String> bad = post("/v1/course/monitoring-assessments", monitoring, "application/json", null,
                SCREENER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorFields(bad)).containsExactlyInAnyOrder("doseDates[0]", "candidate.hivRna[0].unit");
    }
}
