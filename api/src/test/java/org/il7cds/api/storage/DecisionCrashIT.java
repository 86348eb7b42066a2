package org.il7cds.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.il7cds.api.support.ServiceProcess;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of the packaged service while batches are being assessed and recorded, then a restart on the same
 * embedded database: the chain verifies, every decision answered before the kill is there (copied from the journal
 * when the database did not have it yet), and no batch is half-written (its records are recorded together or not at
 * all). Then, on the restarted service, its journal made unwritable: answers are refused, none given is lost.
 */
class DecisionCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 50;
    private static final int CLIENTS = 3;

    private static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    private static String batch(int n) {
        List<Object> candidates = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            candidates.add(eligibleCandidate("CRASH-" + n + "-" + i));
        }
        return toJson(map("asOf", "2026-11-26", "candidates", candidates));
    }

    /** Sends batches one after another until told to stop; collects the decision ids of every answered one. */
    private static CompletableFuture<Void> client(ServiceProcess service, int id, AtomicBoolean stop,
            ConcurrentLinkedQueue<List<String>> answered, AtomicInteger cutOff) {
        return CompletableFuture.runAsync(() -> {
            for (int n = id * 100_000; !stop.get(); n++) {
                HttpResponse<String> r;
                try {
                    r = service.postAsync("/v1/eligibility/assessments/batch", batch(n), TestKeys.SCREENER).join();
                } catch (RuntimeException killed) {
                    cutOff.incrementAndGet();
                    return;
                }
                if (r.statusCode() == 200) {
                    List<String> ids = new ArrayList<>();
                    json(r).path("results").forEach(item -> ids.add(item.path("decisionId").asString()));
                    answered.add(ids);
                }
            }
        });
    }

    @Test
    void aKillDuringBatchesLosesNoAnsweredDecisionAndHalfWritesNoBatchThenAnUnwritableJournalRefusesAnswers() throws IOException {
        Path data = Files.createTempDirectory("il7cds-crash-records-");
        ConcurrentLinkedQueue<List<String>> answered = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger cutOff = new AtomicInteger();
        ServiceProcess service = ServiceProcess.start(data);
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(client(service, c, stop, answered, cutOff));
            }
            while (answered.size() < 4) {
                ServiceProcess.sleep(20);
            }
            // Batches are in flight all the time: the kill lands while some are assessed or committed.
            ServiceProcess.sleep(150);
            service.kill();
            stop.set(true);
            clients.forEach(CompletableFuture::join);
            assertThat(cutOff.get()).as("batches in flight when the process died").isPositive();

            // Restarted with small journal segments, for the journal's own failure afterwards (one start fewer).
            service = ServiceProcess.start(data, "--il7cds.records.journal-segment-size=4KB");

            JsonNode chain = json(service.get("/v1/decisions/chain", TestKeys.AUDITOR));
            assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
            for (List<String> batch : answered) {
                assertThat(batch).hasSize(BATCH);
                for (String id : List.of(batch.get(0), batch.get(BATCH - 1))) {
                    assertThat(service.get("/v1/decisions/" + id, TestKeys.AUDITOR).statusCode())
                            .as("an answered decision survives kill -9").isEqualTo(200);
                }
            }
            // Every batch recorded is whole: in the order of the chain, its items are fifty consecutive records that
            // share their instant. Two batches may share an instant (the clock ticks in microseconds, three clients
            // send at once), so batches are told apart by place in the chain, not by instant.
            List<JsonNode> items = new ArrayList<>();
            for (int page = 0; ; page++) {
                JsonNode list = json(service.get("/v1/decisions?operation=batch-item&size=500&page=" + page,
                        TestKeys.AUDITOR));
                list.path("decisions").forEach(items::add);
                if (!list.path("hasMore").asBoolean()) {
                    break;
                }
            }
            items.sort(Comparator.comparingLong(d -> d.path("seq").asLong()));
            assertThat(items.size() % BATCH).as("records of batch items, %d", items.size()).isZero();
            assertThat(items.size() / BATCH).as("batches recorded").isGreaterThanOrEqualTo(answered.size());
            Map<String, Integer> placeOf = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode first = items.get(i - i % BATCH);
                assertThat(items.get(i).path("decidedAt").asString()).as("item %d of the batch at seq %d",
                        i % BATCH, first.path("seq").asLong()).isEqualTo(first.path("decidedAt").asString());
                assertThat(items.get(i).path("seq").asLong()).isEqualTo(first.path("seq").asLong() + i % BATCH);
                placeOf.put(items.get(i).path("decisionId").asString(), i);
            }
            for (List<String> batch : answered) {
                int start = placeOf.get(batch.get(0));
                assertThat(start % BATCH).as("an answered batch begins a batch of the chain").isZero();
                for (int i = 0; i < BATCH; i++) {
                    assertThat(placeOf.get(batch.get(i))).as("item %d of an answered batch", i).isEqualTo(start + i);
                }
            }
            assertThat(chain.path("recordsChecked").asLong()).isEqualTo(items.size());

            aJournalThatCannotBeWrittenRefusesAnswersAndLosesNoneOfThoseGiven(service, data,
                    chain.path("recordsChecked").asLong());
        } finally {
            stop.set(true);
            service.kill();
        }
    }

    /**
     * The journal (the embedded default's record of every answer before the database has it) cannot be written:
     * answers are refused 503 and give no verdict; once it can again, answers resume, every answered decision is
     * there and the chain verifies. The service runs with small journal segments, so that a new one is begun every
     * few answers; it holds {@code recorded} records already.
     */
    private static void aJournalThatCannotBeWrittenRefusesAnswersAndLosesNoneOfThoseGiven(ServiceProcess service,
            Path data, long recorded) throws IOException {
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answered.add(answeredId(service, "JNL-" + i));
        }
        Path journal = data.resolve("il7cds-records-journal");
        Path away = data.resolve("il7cds-records-journal-away");
        Files.move(journal, away);
        Files.writeString(journal, "not a directory");
        HttpResponse<String> refused = null;
        for (int i = 0; i < 30 && refused == null; i++) {
            HttpResponse<String> r = service.post("/v1/eligibility/assessments",
                    toJson(assessment(eligibleCandidate("JNL-AWAY-" + i))), TestKeys.SCREENER);
            if (r.statusCode() == 200) {
                answered.add(json(r).path("decisionId").asString());
            } else {
                refused = r;
            }
        }
        assertThat(refused).as("an answer once the journal's next segment cannot be begun").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).path("type").asString()).endsWith("/decision-record-unavailable");
        assertThat(refused.body()).doesNotContain("verdict", "ELIGIBLE", "JNL-AWAY");

        Files.delete(journal);
        Files.move(away, journal);
        answered.add(answeredId(service, "JNL-BACK"));

        JsonNode chain = json(service.get("/v1/decisions/chain", TestKeys.AUDITOR));
        assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.path("recordsChecked").asLong()).isEqualTo(recorded + answered.size());
        for (String id : answered) {
            assertThat(service.get("/v1/decisions/" + id, TestKeys.AUDITOR).statusCode())
                    .as("answered decision %s", id).isEqualTo(200);
        }
    }

    private static String answeredId(ServiceProcess service, String pseudonym) {
        HttpResponse<String> r = service.post("/v1/eligibility/assessments",
                toJson(assessment(eligibleCandidate(pseudonym))), TestKeys.SCREENER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("decisionId").asString();
    }
}
