package org.il7cds.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.calendarRequest;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.il7cds.api.support.Service;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Replay on each database the service supports (the subclasses give a new one): a thousand decisions made under
 * three rules versions, then a restart, so that the two versions no longer active are loaded from storage and
 * compiled again, and every decision replays identically on the version that made it. Then a record changed in
 * the database is found by the chain verification.
 */
abstract class DecisionReplayContract {

    /** The datasource properties ({@code spring.datasource.url=...}) of a new, empty database. */
    abstract List<String> newDatabase();

    /** A candidate whose CD4 count (100-450) lies around the bound the amendment moves (400 to 350). */
    private static Map<String, Object> candidate(int n) {
        Map<String, Object> c = eligibleCandidate("RPL-" + n);
        c.put("cd4Counts", list(lab(100 + (n * 37) % 351, "cells/uL")));
        if (n % 7 == 0) {
            c.remove("hivRna");
        }
        return c;
    }

    /** {@code count} decisions of every kind; their ids. */
    private static List<String> decide(Service s, int first, int count) {
        List<String> ids = new ArrayList<>();
        int n = first;
        while (ids.size() + 100 <= count - 40) {
            List<Object> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(candidate(n++));
            }
            HttpResponse<String> r = s.post("/v1/eligibility/assessments/batch", toJson(map("candidates", batch)),
                    TestKeys.SCREENER);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            s.json(r).path("results").forEach(item -> ids.add(item.path("decisionId").asString()));
        }
        for (int i = 0; i < 10; i++) {
            Map<String, Object> c = candidate(n++);
            if (i % 2 == 0) {
                c.put("cd4Counts", list(lab(i == 0 ? 50 : 250, "cells/uL")));
            }
            HttpResponse<String> r = s.post("/v1/dosing/calendars", toJson(calendarRequest(c)), TestKeys.PHARMACIST);
            assertThat(r.statusCode()).as(r.body()).isIn(200, 422);
            ids.add(s.json(r).path("decisionId").asString());
        }
        while (ids.size() < count) {
            HttpResponse<String> r = s.post("/v1/eligibility/assessments", toJson(assessment(candidate(n++))),
                    TestKeys.SCREENER);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            ids.add(s.json(r).path("decisionId").asString());
        }
        return ids;
    }

    private static void activate(Service s, String label) {
        HttpResponse<String> r = s.post("/v1/rules/activations", toJson(map("source", "upload", "files",
                DurableRulesContract.amendment(label), "reason", "replay test: version " + label)),
                TestKeys.INFORMATICIAN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aThousandDecisionsUnderThreeVersionsReplayIdenticallyAfterARestart() {
        List<String> db = newDatabase();
        List<String> ids = new ArrayList<>();
        try (Service first = Service.start(db.toArray(String[]::new))) {
            ids.addAll(decide(first, 0, 333));
            activate(first, "replay-a");
            ids.addAll(decide(first, 1000, 333));
            activate(first, "replay-b");
            ids.addAll(decide(first, 2000, 334));
        }
        assertThat(ids).hasSize(1000).doesNotHaveDuplicates();

        try (Service second = Service.start(db.toArray(String[]::new))) {
            Map<String, Integer> perVersion = new LinkedHashMap<>();
            Map<String, Integer> verdicts = new LinkedHashMap<>();
            for (String id : ids) {
                HttpResponse<String> r = second.post("/v1/decisions/" + id + "/replay", "", TestKeys.AUDITOR);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode report = second.json(r);
                assertThat(report.path("identical").asBoolean()).as(id + ": " + report).isTrue();
                perVersion.merge(report.path("rulesVersion").asString(), 1, Integer::sum);
            }
            for (String id : List.of(ids.get(0), ids.get(500), ids.get(999))) {
                verdicts.merge(second.json(second.get("/v1/decisions/" + id, TestKeys.AUDITOR)).path("verdict")
                        .asString(), 1, Integer::sum);
            }
            assertThat(perVersion).as("three versions, two of them no longer active").hasSize(3)
                    .containsValues(333, 333, 334);
            assertThat(verdicts.keySet()).isNotEmpty();

            JsonNode chain = second.json(second.get("/v1/decisions/chain", TestKeys.AUDITOR));
            assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
            assertThat(chain.path("recordsChecked").asLong()).isEqualTo(1000);

            second.bean(JdbcTemplate.class).update("UPDATE decision_record SET verdict = CASE verdict"
                    + " WHEN 'ELIGIBLE' THEN 'NOT_ELIGIBLE' ELSE 'ELIGIBLE' END WHERE seq = 17");
            JsonNode broken = second.json(second.get("/v1/decisions/chain", TestKeys.AUDITOR));
            assertThat(broken.path("intact").asBoolean()).isFalse();
            assertThat(broken.path("firstBreak").path("seq").asLong()).isEqualTo(17);
            assertThat(broken.path("firstBreak").path("kind").asString()).isEqualTo("altered");
        }
    }
}
