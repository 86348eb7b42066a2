package org.il7cds.api.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.calendarRequest;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestKeys;
import org.il7cds.engine.records.DecisionChain;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every answer recorded before it is returned and fetchable by the decisionId it carries; a batch's items one
 * record each; a calendar fetched again as it was; replay identical; an unwritable store answers 503 and no
 * verdict. (Tampering, purges and replay across rules versions and restarts: DecisionRecordsContract and
 * JdbcDecisionStoreContract, on H2 and PostgreSQL.)
 */
class DecisionRecordsIT extends ApiIT {

    private static final String ASSESS = "/v1/eligibility/assessments";
    private static final String BATCH = "/v1/eligibility/assessments/batch";
    private static final String CALENDARS = "/v1/dosing/calendars";

    @Autowired
    JdbcTemplate jdbc;

    private HttpResponse<String> asAuditor(String path) {
        return get(path, "application/json", TestKeys.AUDITOR.authorization());
    }

    private JsonNode record(String decisionId) {
        HttpResponse<String> r = asAuditor("/v1/decisions/" + decisionId);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("GET", "/v1/decisions/" + decisionId, r);
        return json(r);
    }

    private JsonNode replay(String decisionId) {
        HttpResponse<String> r = post("/v1/decisions/" + decisionId + "/replay", "", null, "application/json",
                TestKeys.AUDITOR.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", "/v1/decisions/" + decisionId + "/replay", r);
        return json(r);
    }

    private static String digest(String body) {
        return DecisionChain.digest(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAssessmentIsRecordedAsAnsweredAndReplaysIdentically() {
        HttpResponse<String> r = post(ASSESS, toJson(assessment(eligibleCandidate("REC-1"))), "application/json",
                null, TestKeys.SCREENER.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", ASSESS, r);
        String id = json(r).path("decisionId").asString();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        JsonNode rec = record(id);
        assertThat(rec.path("operation").asString()).isEqualTo("assessment");
        assertThat(rec.path("clientId").asString()).isEqualTo(TestKeys.SCREENER.clientId());
        assertThat(rec.path("verdict").asString()).isEqualTo(json(r).path("verdict").asString());
        assertThat(rec.path("rulesHash").asString()).isEqualTo(json(r).path("rulesHash").asString());
        assertThat(rec.path("asOf").asString()).isEqualTo(json(r).path("asOf").asString());
        assertThat(rec.path("decidedAt").asString()).startsWith("2026-11-26T00:00");
        assertThat(rec.path("request").path("candidate").path("pseudonymId").asString()).isEqualTo("REC-1");
        assertThat(rec.path("criteria").size()).isEqualTo(json(r).path("criteria").size());
        assertThat(rec.path("criteria").get(1).path("status").asString())
                .isEqualTo(json(r).path("criteria").get(1).path("status").asString());
        assertThat(rec.path("answerDigest").asString()).as("the digest of the bytes sent").isEqualTo(digest(r.body()));
        assertThat(rec.has("answer")).as("an assessment keeps its digest, not its text").isFalse();

        JsonNode replay = replay(id);
        assertThat(replay.path("identical").asBoolean()).as(replay.toString()).isTrue();
        assertThat(replay.path("replayedDigest").asString()).isEqualTo(digest(r.body()));
        assertThat(replay.path("differences").size()).isZero();
    }

    @Test
    void anAssessmentsRequestIsRecordedAsReceivedByteForByte() {
        // Another field order and layout than the service would write: the record keeps the client's text.
        String sent = "{\n  \"candidate\" : " + toJson(eligibleCandidate("AS-SENT-1")) + ",\n  \"asOf\": \"2026-11-26\"\n}";
        HttpResponse<String> r = post(ASSESS, sent, "application/json", null, TestKeys.SCREENER.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = json(r).path("decisionId").asString();
        assertThat(record(id).path("request").path("candidate").path("pseudonymId").asString()).isEqualTo("AS-SENT-1");
        assertThat(jdbc.queryForObject("SELECT request_json FROM decision_record WHERE decision_id = ?", String.class,
                id)).isEqualTo(sent);
        assertThat(replay(id).path("identical").asBoolean()).isTrue();
    }

    @Test
    void eachAssessedItemOfABatchIsARecordOfItsOwn() {
        List<Object> candidates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            candidates.add(eligibleCandidate("BATCH-" + i));
        }
        Map<String, Object> bad = eligibleCandidate("BATCH-BAD");
        bad.put("cd4Counts", list(lab(250, "furlongs")));
        candidates.add(2, bad);
        HttpResponse<String> r = post(BATCH, toJson(map("asOf", "2026-11-26", "candidates", candidates)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", BATCH, r);

        List<String> ids = new ArrayList<>();
        for (JsonNode item : json(r).path("results")) {
            if (item.has("problem")) {
                assertThat(item.has("decisionId")).as("an invalid candidate is not a decision").isFalse();
                continue;
            }
            String id = item.path("decisionId").asString();
            assertThat(item.path("assessment").path("decisionId").asString()).isEqualTo(id);
            ids.add(id);
            JsonNode rec = record(id);
            assertThat(rec.path("operation").asString()).isEqualTo("batch-item");
            assertThat(rec.path("request").path("asOf").asString()).isEqualTo("2026-11-26");
            assertThat(rec.path("request").path("candidate").path("pseudonymId").asString())
                    .isEqualTo(item.path("candidateId").asString());
            assertThat(replay(id).path("identical").asBoolean()).isTrue();
        }
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        List<Long> seqs = ids.stream().map(id -> record(id).path("seq").asLong()).toList();
        assertThat(seqs.get(3) - seqs.get(0)).as("consecutive records, in order").isEqualTo(3);
    }

    @Test
    void aCalendarIsRecordedAndPrintedAgainAsItWas() {
        String request = toJson(calendarRequest(eligibleCandidate("CAL-1")));
        HttpResponse<String> ics = post(CALENDARS, request, "application/json", "text/calendar");
        HttpResponse<String> jsonAnswer = post(CALENDARS, request, "application/json", "application/json");
        assertThat(ics.statusCode()).as(ics.body()).isEqualTo(200);
        assertThat(jsonAnswer.statusCode()).as(jsonAnswer.body()).isEqualTo(200);
        JsonNode calendar = json(jsonAnswer);
        String calendarId = calendar.path("calendarId").asString();
        String id = calendar.path("decisionId").asString();

        JsonNode rec = record(id);
        assertThat(rec.path("operation").asString()).isEqualTo("calendar");
        assertThat(rec.path("calendarId").asString()).isEqualTo(calendarId);
        assertThat(rec.path("verdict").asString()).isEqualTo("ELIGIBLE");
        assertThat(rec.path("answer").path("doses").size()).isEqualTo(calendar.path("doses").size());
        assertThat(rec.path("answerDigest").asString()).isEqualTo(digest(jsonAnswer.body()));
        assertThat(replay(id).path("identical").asBoolean()).isTrue();

        String path = CALENDARS + "/" + calendarId;
        HttpResponse<String> again = get(path, "application/json");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        Contract.assertValid("GET", path, again);
        assertThat(again.body()).as("the recorded bytes").isEqualTo(jsonAnswer.body());
        HttpResponse<String> icsAgain = get(path, "text/calendar");
        assertThat(icsAgain.body()).as("the same iCalendar text, DTSTAMP included").isEqualTo(ics.body())
                .contains("DTSTAMP:20261126T000000Z");
        HttpResponse<String> csvAgain = get(path, "text/csv");
        assertThat(csvAgain.body()).isEqualTo(post(CALENDARS, request, "application/json", "text/csv").body());
        assertThat(get(CALENDARS + "/cal-0000000000000000", "application/json").statusCode()).isEqualTo(404);
        assertThat(get(path, "application/json", TestKeys.SCREENER.authorization()).statusCode()).isEqualTo(403);
    }

    @Test
    void aRefusedCalendarIsRecordedWithTheAssessmentThatRefusedIt() {
        Map<String, Object> candidate = eligibleCandidate("CAL-REFUSED");
        candidate.put("cd4Counts", list(lab(50, "cells/uL")));
        HttpResponse<String> r = post(CALENDARS, toJson(calendarRequest(candidate)));
        JsonNode problem = assertProblem(r, 422, "calendar-refused", "POST", CALENDARS);
        String id = problem.path("decisionId").asString();
        assertThat(problem.path("assessment").path("verdict").asString()).isEqualTo("NOT_ELIGIBLE");

        JsonNode rec = record(id);
        assertThat(rec.path("status").asInt()).isEqualTo(422);
        assertThat(rec.path("verdict").asString()).isEqualTo("NOT_ELIGIBLE");
        assertThat(rec.path("answer").path("type").asString()).endsWith("/calendar-refused");
        assertThat(rec.path("answerDigest").asString()).isEqualTo(digest(r.body()));
        assertThat(replay(id).path("identical").asBoolean()).isTrue();
    }

    @Test
    void auditorsListByTimeClientProtocolVerdictAndOperationInPages() {
        for (int i = 0; i < 3; i++) {
            Map<String, Object> c = eligibleCandidate("LIST-" + i);
            c.put("cd4Counts", list(lab(50, "cells/uL")));
            post(ASSESS, toJson(assessment(c)), "application/json", null, TestKeys.SCREENER.authorization());
        }
        String query = "/v1/decisions?clientId=test-screener&verdict=NOT_ELIGIBLE&protocolId=levy-2009"
                + "&operation=assessment&from=2026-11-25T00:00:00Z&to=2026-11-27T00:00:00Z&size=2";
        HttpResponse<String> first = asAuditor(query);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        Contract.assertValid("GET", "/v1/decisions", first);
        JsonNode page = json(first);
        assertThat(page.path("decisions").size()).isEqualTo(2);
        assertThat(page.path("hasMore").asBoolean()).isTrue();
        for (JsonNode d : page.path("decisions")) {
            assertThat(d.path("clientId").asString()).isEqualTo("test-screener");
            assertThat(d.path("verdict").asString()).isEqualTo("NOT_ELIGIBLE");
            assertThat(d.path("operation").asString()).isEqualTo("assessment");
        }
        assertThat(page.path("decisions").get(0).path("seq").asLong())
                .as("newest first").isGreaterThan(page.path("decisions").get(1).path("seq").asLong());
        JsonNode later = json(asAuditor(query + "&page=1"));
        assertThat(later.path("decisions").size()).isPositive();
        assertThat(later.path("decisions").get(0).path("seq").asLong())
                .isLessThan(page.path("decisions").get(1).path("seq").asLong());
        assertThat(json(asAuditor("/v1/decisions?from=2030-01-01T00:00:00Z")).path("decisions").size()).isZero();
        assertProblem(asAuditor("/v1/decisions?operation=guess"), 400, "validation", "GET", "/v1/decisions");
        assertProblem(asAuditor("/v1/decisions/00000000-0000-4000-8000-000000000000"), 404, "not-found", "GET",
                "/v1/decisions/00000000-0000-4000-8000-000000000000");
    }

    @Test
    void theChainOfEverythingAnsweredVerifies() {
        post(ASSESS, toJson(assessment(eligibleCandidate("CHAIN-1"))));
        HttpResponse<String> r = asAuditor("/v1/decisions/chain");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("GET", "/v1/decisions/chain", r);
        JsonNode v = json(r);
        assertThat(v.path("intact").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.path("recordsChecked").asLong()).isPositive();
        assertThat(v.path("headHash").asString()).startsWith("sha256:");
    }

    @Test
    void aPurgeIsACustodiansOperationAndIsItselfRecorded() {
        post(ASSESS, toJson(assessment(eligibleCandidate("PURGE-1"))));
        String body = toJson(map("olderThanDays", 30, "reason", "retention test"));
        assertThat(post("/v1/decisions/purges", body, "application/json", null, TestKeys.AUDITOR.authorization())
                .statusCode()).isEqualTo(403);
        HttpResponse<String> r = post("/v1/decisions/purges", body, "application/json", null,
                TestKeys.CUSTODIAN.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", "/v1/decisions/purges", r);
        JsonNode purge = json(r);
        // The test clock stands still: nothing here is 30 days old.
        assertThat(purge.path("purged").asLong()).isZero();
        assertThat(purge.path("cutoff").asString()).startsWith("2026-10-27");
        JsonNode rec = record(purge.path("decisionId").asString());
        assertThat(rec.path("operation").asString()).isEqualTo("purge");
        assertThat(rec.path("clientId").asString()).isEqualTo(TestKeys.CUSTODIAN.clientId());
        assertThat(rec.path("request").path("reason").asString()).isEqualTo("retention test");
        assertThat(json(asAuditor("/v1/decisions/chain")).path("intact").asBoolean()).isTrue();
        assertProblem(post("/v1/decisions/purges", toJson(map("olderThanDays", 30, "reason", "  ")),
                "application/json", null, TestKeys.CUSTODIAN.authorization()), 400, "validation", "POST",
                "/v1/decisions/purges");
        String replay = "/v1/decisions/" + purge.path("decisionId").asString() + "/replay";
        assertProblem(post(replay, "", null, null, TestKeys.AUDITOR.authorization()), 400, "validation", "POST",
                replay);
    }

    private static final String COURSE_CANDIDATE = """
            {"pseudonymId":"CRS-1","birthDate":"1979-04-02","sex":"MALE",
             "cd4Counts":[{"value":480,"unit":"cells/uL","sampleDate":"2026-11-19"}],
             "hivRna":[{"value":20,"comparator":"<","unit":"copies/mL","sampleDate":"2026-11-19"}]}""";

    private static final String COMPARISON = "{\"asOf\":\"2026-11-26\",\"candidate\":" + COURSE_CANDIDATE + "}";

    private static final String RETREATMENT = """
            {"protocolId":"inspire-2","asOf":"2026-11-26","candidate":%s,
             "previousCycles":[{"protocolId":"inspire-2","doseLevelUgPerKg":20,
                                "doseDates":["2026-09-07","2026-09-14","2026-09-21"]}]}""".formatted(COURSE_CANDIDATE);

    private static final String MONITORING = """
            {"protocolId":"inspire-2","asOf":"2026-11-26","doseDates":["2026-10-05","2026-10-12","2026-10-19"],
             "candidate":{"pseudonymId":"CRS-2","hivRna":[
               {"value":20,"comparator":"<","unit":"copies/mL","sampleDate":"2026-09-28"},
               {"value":450,"unit":"copies/mL","sampleDate":"2026-10-19"},
               {"value":800,"unit":"copies/mL","sampleDate":"2026-11-02"}]}}""";

    /** Answers {@code body} at {@code path} as a screener; checks its record and its replay; returns the record. */
    private JsonNode recordedAndReplayed(String path, String body, String operation) {
        HttpResponse<String> r = post(path, body, "application/json", null, TestKeys.SCREENER.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", path, r);
        String id = json(r).path("decisionId").asString();
        assertThat(id).as(path).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        JsonNode rec = record(id);
        assertThat(rec.path("operation").asString()).isEqualTo(operation);
        assertThat(rec.path("clientId").asString()).isEqualTo(TestKeys.SCREENER.clientId());
        assertThat(rec.path("rulesHash").asString()).isEqualTo(json(r).path("rulesHash").asString());
        assertThat(rec.path("asOf").asString()).isEqualTo(json(r).path("asOf").asString());
        assertThat(rec.path("decidedAt").asString()).startsWith("2026-11-26T00:00");
        assertThat(rec.path("answerDigest").asString()).as("the digest of the bytes sent").isEqualTo(digest(r.body()));
        JsonNode replay = replay(id);
        assertThat(replay.path("identical").asBoolean()).as(replay.toString()).isTrue();
        assertThat(replay.path("replayedDigest").asString()).isEqualTo(digest(r.body()));
        assertThat(replay.path("differences").size()).isZero();
        return rec;
    }

    @Test
    void aComparisonAgainstEveryProtocolIsOneRecordAndReplaysIdentically() {
        JsonNode rec = recordedAndReplayed("/v1/eligibility/protocol-assessments", COMPARISON, "protocol-assessment");
        assertThat(rec.has("protocolId")).as("several protocols: none in particular").isFalse();
        assertThat(rec.has("verdict")).isFalse();
        assertThat(rec.path("request").path("candidate").path("pseudonymId").asString()).isEqualTo("CRS-1");
        List<String> protocols = new ArrayList<>();
        for (JsonNode c : rec.path("criteria")) {
            protocols.add(c.path("id").asString().substring(0, c.path("id").asString().indexOf('/')));
        }
        assertThat(protocols.stream().distinct().count()).as("each protocol's criteria").isEqualTo(4);
    }

    @Test
    void aRetreatmentDecisionIsRecordedWithItsCriteriaAndReplaysIdentically() {
        JsonNode rec = recordedAndReplayed("/v1/course/retreatment-decisions", RETREATMENT, "retreatment-decision");
        assertThat(rec.path("protocolId").asString()).isEqualTo("inspire-2");
        assertThat(rec.path("verdict").asString()).as("NOT_INDICATED: its criteria are not all met")
                .isEqualTo("NOT_ELIGIBLE");
        List<String> ids = new ArrayList<>();
        rec.path("criteria").forEach(c -> ids.add(c.path("id").asString()));
        assertThat(ids).contains("interval-since-last-dose");
    }

    @Test
    void aMonitoringAnswerIsRecordedWholeAndReplaysIdentically() {
        JsonNode rec = recordedAndReplayed("/v1/course/monitoring-assessments", MONITORING, "monitoring");
        assertThat(rec.path("protocolId").asString()).isEqualTo("inspire-2");
        assertThat(rec.has("verdict")).isFalse();
        assertThat(rec.path("answer").path("stopIl7").asBoolean()).as("the whole answer is kept").isTrue();
        HttpResponse<String> list = asAuditor("/v1/decisions?operation=monitoring");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(json(list).path("decisions").size()).isPositive();
    }

    /**
     * The embedded default records each answer in its journal first (il7cds.records.journal=auto): a database that
     * cannot be written does not refuse the answer, it delays the record's arrival there. Reading waits for it (at
     * most il7cds.records.commit-wait) and answers 503 meanwhile; once the database can be written, the record is
     * there, in its place in the chain. (A journal that cannot be written refuses answers: DecisionCrashIT; the
     * recorder's refusals without the journal: DecisionRecorderTest.)
     */
    @Test
    void whileTheDatabaseCannotBeWrittenAnswersAreJournalledAndReachItOnceItCan() {
        String before = json(asAuditor("/v1/decisions/chain")).path("headHash").asString();
        String away;
        jdbc.execute("ALTER TABLE decision_record RENAME TO decision_record_away");
        try {
            HttpResponse<String> single = post(ASSESS, toJson(assessment(eligibleCandidate("AWAY-1"))));
            assertThat(single.statusCode()).as(single.body()).isEqualTo(200);
            away = json(single).path("decisionId").asString();
            HttpResponse<String> read = asAuditor("/v1/decisions/" + away);
            JsonNode p = assertProblem(read, 503, "decision-record-unavailable", "GET", "/v1/decisions/" + away);
            assertThat(read.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(p.path("detail").asString()).contains("not all readable", "nothing was lost");
            assertThat(p.toString()).doesNotContain("AWAY-1", "decision_record");
            // Operators see it: the copy into the database fails, a record waits in the journal; answers go on.
            String metrics = get("/actuator/prometheus", "text/plain", TestKeys.AUDITOR.authorization()).body();
            assertThat(metrics).contains("il7cds_records_index_failing 1.0").contains("il7cds_records_journal_backlog ")
                    .doesNotContain("il7cds_records_journal_backlog 0.0");
            assertThat(get("/actuator/health", null, null).statusCode()).as("not full: still answering").isEqualTo(200);
        } finally {
            jdbc.execute("ALTER TABLE decision_record_away RENAME TO decision_record");
        }
        HttpResponse<String> after = post(ASSESS, toJson(assessment(eligibleCandidate("BACK-1"))));
        assertThat(after.statusCode()).as("recording goes on").isEqualTo(200);
        JsonNode recorded = record(away);
        assertThat(recorded.path("previousHash").asString()).as("the journalled record follows the chain")
                .isEqualTo(before);
        assertThat(recorded.path("request").path("candidate").path("pseudonymId").asString()).isEqualTo("AWAY-1");
        assertThat(record(json(after).path("decisionId").asString()).path("previousHash").asString())
                .isEqualTo(recorded.path("hash").asString());
        assertThat(json(asAuditor("/v1/decisions/chain")).path("intact").asBoolean()).isTrue();
        assertThat(get("/actuator/prometheus", "text/plain", TestKeys.AUDITOR.authorization()).body())
                .contains("il7cds_records_index_failing 0.0").contains("il7cds_records_journal_backlog 0.0");
    }
}
