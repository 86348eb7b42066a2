package org.il7cds.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.il7cds.api.support.ServiceProcess;
import org.il7cds.api.support.TestKeys;
import org.il7cds.engine.rules.RuleBundle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of the packaged service at several moments of an activation, then a restart on the same embedded
 * database: the service starts (the stored active version's hash verifies), exactly the old or the new version is
 * active, the history names only stored versions, and an activation that was answered is never lost.
 */
class ActivationCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    private static String verdictForCd4(ServiceProcess service, int cd4) {
        Map<String, Object> candidate = eligibleCandidate();
        candidate.put("cd4Counts", list(lab(cd4, "cells/uL")));
        Map<String, Object> body = assessment(candidate);
        body.put("asOf", "2026-11-26");
        HttpResponse<String> r = service.post("/v1/eligibility/assessments", toJson(body), TestKeys.SCREENER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("verdict").asString();
    }

    @Test
    void aKillAtAnyMomentOfAnActivationLeavesTheOldOrTheNewVersionAndNeverLosesAnAnsweredOne() throws IOException {
        Path data = Files.createTempDirectory("il7cds-crash-");
        String packaged = RuleBundle.fromClasspath().contentHash();
        Set<String> amendments = new HashSet<>();
        String mustBeActive = packaged;
        // Kill 0.3 s and 2 s after sending the activation (while it compiles, runs the scenarios or stores), then once
        // right after the answer.
        long[] killAfterMillis = {300, 2000, -1};
        ServiceProcess service = ServiceProcess.start(data);
        try {
            for (int i = 0; i < killAfterMillis.length; i++) {
                Map<String, String> files = DurableRulesContract.amendment("crash" + i);
                String hash = RuleBundle.of(files, "test").contentHash();
                amendments.add(hash);
                CompletableFuture<HttpResponse<String>> activation = service.postAsync("/v1/rules/activations",
                        toJson(map("source", "upload", "files", files, "reason", "crash test " + i)),
                        TestKeys.INFORMATICIAN);
                if (killAfterMillis[i] < 0) {
                    HttpResponse<String> answered = activation.join();
                    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
                    mustBeActive = hash;
                } else {
                    ServiceProcess.sleep(killAfterMillis[i]);
                }
                String before = mustBeActive;
                service.kill();
                boolean answeredBeforeTheKill = activation.isDone() && !activation.isCompletedExceptionally()
                        && activation.join().statusCode() == 200;

                service = ServiceProcess.start(data);

                JsonNode version = json(service.get("/v1/rules/version", TestKeys.SCREENER));
                String active = version.path("contentHash").asString();
                if (answeredBeforeTheKill) {
                    assertThat(active).as("an answered activation survives kill -9").isEqualTo(hash);
                } else {
                    assertThat(active).as("kill %d: the old or the new version", i).isIn(before, hash);
                }
                mustBeActive = active;
                assertThat(verdictForCd4(service, 380)).isEqualTo(active.equals(packaged) ? "ELIGIBLE" : "NOT_ELIGIBLE");
                JsonNode history = json(service.get("/v1/rules/versions", TestKeys.AUDITOR));
                Set<Integer> stored = new HashSet<>();
                history.path("versions").forEach(v -> stored.add(v.path("id").asInt()));
                history.path("activations").forEach(a -> assertThat(stored).contains(a.path("versionId").asInt()));
                JsonNode last = history.path("activations").get(history.path("activations").size() - 1);
                assertThat(history.path("activeId").asInt()).isEqualTo(last.path("id").asInt());
                assertThat(last.path("contentHash").asString()).isEqualTo(active);
                history.path("versions").forEach(v -> assertThat(v.path("contentHash").asString())
                        .isIn(amendments.contains(v.path("contentHash").asString()) ? amendments : Set.of(packaged)));
            }
        } finally {
            service.kill();
        }
    }
}
