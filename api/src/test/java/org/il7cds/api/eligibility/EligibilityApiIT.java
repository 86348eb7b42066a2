package org.il7cds.api.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.toJson;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /v1/eligibility/assessments and /batch end to end: the three verdicts, batch independence. */
class EligibilityApiIT extends ApiIT {

    private static final String ONE = "/v1/eligibility/assessments";
    private static final String BATCH = "/v1/eligibility/assessments/batch";

    private JsonNode assess(Map<String, Object> body) {
        String json = toJson(body);
        Contract.assertValidRequest("POST", ONE, json);
        HttpResponse<String> r = post(ONE, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("application/json");
        Contract.assertValid("POST", ONE, r);
        return json(r);
    }

    @Test
    void anEligibleCandidateIsEligibleWithEveryCriterionMetAndTheRulesNamed() {
        JsonNode a = assess(assessment(eligibleCandidate()));
        assertThat(a.path("verdict").asString()).isEqualTo("ELIGIBLE");
        assertThat(a.path("candidateId").asString()).isEqualTo("CAND-001");
        assertThat(a.path("protocolId").asString()).isEqualTo("levy-2009");
        assertThat(a.path("asOf").asString()).isEqualTo("2026-11-26");
        assertThat(a.path("rulesHash").asString()).startsWith("sha256:");
        assertThat(a.path("criteria").size()).isGreaterThan(5);
        a.path("criteria").forEach(c -> {
            assertThat(c.path("status").asString()).isEqualTo("MET");
            assertThat(c.path("source").asString()).isNotBlank();
            assertThat(c.path("rule").asString()).isNotBlank();
        });
    }

    @Test
    void aCd4CountBelowTheRangeIsNotEligibleAsAResultNotAnError() {
        Map<String, Object> c = eligibleCandidate();
        c.put("cd4Counts", list(lab(99, "cells/uL")));
        JsonNode a = assess(assessment(c));
        assertThat(a.path("verdict").asString()).isEqualTo("NOT_ELIGIBLE");
        JsonNode cd4 = criterion(a, "cd4-count");
        assertThat(cd4.path("status").asString()).isEqualTo("NOT_MET");
        assertThat(cd4.path("observed").asString()).contains("99");
        assertThat(cd4.path("observedOn").asString()).isEqualTo("2026-11-19");
    }

    @Test
    void aMissingLabMakesTheVerdictIncompleteAndSaysWhatWouldSettleIt() {
        Map<String, Object> c = eligibleCandidate();
        c.remove("hivRna");
        JsonNode a = assess(assessment(c));
        assertThat(a.path("verdict").asString()).isEqualTo("INCOMPLETE");
        JsonNode rna = criterion(a, "hiv-rna-suppressed");
        assertThat(rna.path("status").asString()).isEqualTo("UNKNOWN");
        assertThat(rna.path("settleBy").asString()).isNotBlank();
    }

    @Test
    void viralLoadsMayBeReportedAsTargetNotDetectedOrInLog10() {
        Map<String, Object> c = eligibleCandidate();
        c.put("hivRna", list(map("result", "NOT_DETECTED", "sampleDate", "2026-11-19")));
        assertThat(assess(assessment(c)).path("verdict").asString()).isEqualTo("ELIGIBLE");
        c.put("hivRna", list(map("value", 1.2, "unit", "log10 copies/mL", "sampleDate", "2026-11-19")));
        assertThat(assess(assessment(c)).path("verdict").asString()).isEqualTo("ELIGIBLE");
    }

    @Test
    void anAsOfDateInThePastAssessesAsOfThatDate() {
        Map<String, Object> body = assessment(eligibleCandidate());
        body.put("asOf", "2026-11-20");
        body.put("protocolId", "levy-2009");
        JsonNode a = assess(body);
        assertThat(a.path("asOf").asString()).isEqualTo("2026-11-20");
    }

    @Test
    void aBatchAssessesEachCandidateIndependentlyAndReportsBadOnesInTheirOwnEntry() {
        Map<String, Object> notEligible = eligibleCandidate("CAND-002");
        notEligible.put("cd4Counts", list(lab(99, "cells/uL")));
        Map<String, Object> badUnit = eligibleCandidate("CAND-003");
        badUnit.put("hivRna", list(map("value", 20, "unit", "IU/mL", "sampleDate", "2026-11-19")));
        Map<String, Object> badSchema = eligibleCandidate("CAND-004");
        badSchema.put("ageYears", 200);
        Map<String, Object> body = map("candidates", list(eligibleCandidate(), notEligible, badUnit, badSchema));

        HttpResponse<String> r = post(BATCH, toJson(body));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", BATCH, r);
        JsonNode results = json(r).path("results");
        assertThat(results.size()).isEqualTo(4);
        assertThat(results.get(0).path("assessment").path("verdict").asString()).isEqualTo("ELIGIBLE");
        assertThat(results.get(1).path("assessment").path("verdict").asString()).isEqualTo("NOT_ELIGIBLE");
        JsonNode p2 = results.get(2).path("problem");
        assertThat(results.get(2).path("index").asInt()).isEqualTo(2);
        assertThat(results.get(2).path("candidateId").asString()).isEqualTo("CAND-003");
        assertThat(results.get(2).has("assessment")).isFalse();
        assertThat(p2.path("type").asString()).isEqualTo(PROBLEMS + "validation");
        assertThat(p2.path("errors").get(0).path("field").asString()).isEqualTo("hivRna[0].unit");
        JsonNode p3 = results.get(3).path("problem");
        assertThat(p3.path("errors").get(0).path("field").asString()).isEqualTo("ageYears");
    }

    @Test
    void aBatchOfTheMaximumSizeIsAnswered() {
        List<Object> candidates = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            candidates.add(map("pseudonymId", "C" + i, "ageYears", 30));
        }
        HttpResponse<String> r = post(BATCH, toJson(map("candidates", candidates)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("results").size()).isEqualTo(1000);
    }

    private static JsonNode criterion(JsonNode assessment, String id) {
        for (JsonNode c : assessment.path("criteria")) {
            if (c.path("id").asString().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + id + " in " + assessment);
    }
}
