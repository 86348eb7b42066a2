package org.il7cds.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.toJson;

import java.net.http.HttpResponse;
import java.util.Map;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;

/** /actuator/prometheus: what operators see, for the auditor role only, with no patient datum in any label. */
class MetricsIT extends ApiIT {

    private static final String PSEUDONYM = "CAND-METRICS-7Q";

    private String scrape() {
        HttpResponse<String> r = get("/actuator/prometheus", "text/plain", TestKeys.AUDITOR.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static double value(String scrape, String seriesStart) {
        return scrape.lines().filter(l -> l.startsWith(seriesStart)).mapToDouble(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void verdictsAreCountedByProtocolAndVerdictAndEachOperationHasALatencyHistogram() {
        String series = "il7cds_verdicts_total{protocol=\"levy-2009\",verdict=\"ELIGIBLE\"}";
        double before = value(scrape(), series);
        Map<String, Object> body = assessment(eligibleCandidate(PSEUDONYM));
        body.put("asOf", "2026-11-26");
        assertThat(post("/v1/eligibility/assessments", toJson(body)).statusCode()).isEqualTo(200);
        assertThat(post("/v1/eligibility/assessments/batch", toJson(Bodies.map("asOf", "2026-11-26", "candidates",
                Bodies.list(eligibleCandidate(PSEUDONYM), eligibleCandidate("CAND-METRICS-8R"))))).statusCode())
                .isEqualTo(200);

        String scrape = scrape();
        assertThat(value(scrape, series) - before).isEqualTo(3.0);
        assertThat(scrape).containsPattern("il7cds_operation_seconds_bucket\\{operation=\"assessEligibility\","
                + "status=\"200\",le=\"[0-9.]+\"\\} [0-9.]+")
                .contains("il7cds_operation_seconds_count{operation=\"assessEligibilityBatch\",status=\"200\"}");
        assertThat(scrape).doesNotContain(PSEUDONYM, "CAND-METRICS-8R", "test-pharmacist");
    }

    @Test
    void theActiveRulesAreAnInfoMetricAndActivationsAreCounted() {
        String scrape = scrape();
        String hash = json(get("/v1/rules/version", null)).path("contentHash").asString();
        assertThat(scrape).contains("il7cds_rules_info{activation=\"", "content_hash=\"" + hash + "\"",
                "version=\"" + json(get("/v1/rules/version", null)).path("version").asString() + "\"");
        assertThat(value(scrape, "il7cds_rules_activations_total")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void onlyTheAuditorMayScrape() {
        assertThat(get("/actuator/prometheus", null, TestKeys.PHARMACIST.authorization()).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
    }
}
