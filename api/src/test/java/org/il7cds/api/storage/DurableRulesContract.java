package org.il7cds.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.il7cds.api.support.Service;
import org.il7cds.api.support.TestKeys;
import org.il7cds.engine.authoring.RulesStartupException;
import org.il7cds.engine.rules.RuleBundle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What must survive a restart, run on each database the service supports (the subclasses give the connection): the
 * active rules version with its verdicts, the whole activation history, rollbacks walking back across restarts, and
 * the start-up refusals. Every test gets a new, empty database, and stops and starts the real service on it.
 */
abstract class DurableRulesContract {

    private static final String LEVY = "protocols/levy-2009/";

    /** The datasource properties ({@code spring.datasource.url=...}) of a new, empty database. */
    abstract List<String> newDatabase();

    private Service start(List<String> database, String... more) {
        List<String> properties = new ArrayList<>(database);
        properties.addAll(List.of(more));
        return Service.start(properties.toArray(String[]::new));
    }

    static Map<String, String> amendment(String label) {
        String s04 = LEVY + "scenarios/eligibility/04-cd4-400-upper-bound.yaml";
        String s06 = LEVY + "scenarios/eligibility/06-cd4-in-10e9-per-litre.yaml";
        return edited(new String[] {LEVY + "protocol.yaml", "max: { value: 400,", "max: { value: 350,"},
                new String[] {"bundle.yaml", "version: \"", "version: \"" + label + "-"},
                new String[] {s04, "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE"},
                new String[] {s04, "cd4-count: MET", "cd4-count: NOT_MET"},
                new String[] {s06, "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE"},
                new String[] {s06, "cd4-count: MET", "cd4-count: NOT_MET"});
    }

    static Map<String, String> edited(String[]... edits) {
        Map<String, String> files = new LinkedHashMap<>();
        RuleBundle.fromClasspath().files().forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
        for (String[] e : edits) {
            files.put(e[0], files.get(e[0]).replace(e[1], e[2]));
        }
        return files;
    }

    private static String verdictForCd4(Service service, int cd4) {
        Map<String, Object> candidate = eligibleCandidate();
        candidate.put("cd4Counts", list(lab(cd4, "cells/uL")));
        HttpResponse<String> r = service.post("/v1/eligibility/assessments", toJson(assessment(candidate)),
                TestKeys.SCREENER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return service.json(r).path("verdict").asString();
    }

    private static JsonNode activate(Service service, Map<String, String> files, String reason) {
        HttpResponse<String> r = service.post("/v1/rules/activations",
                toJson(map("source", "upload", "files", files, "reason", reason)), TestKeys.INFORMATICIAN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return service.json(r).path("active");
    }

    private static JsonNode rollback(Service service) {
        HttpResponse<String> r = service.post("/v1/rules/rollbacks", toJson(map("reason", "test rollback")),
                TestKeys.INFORMATICIAN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return service.json(r).path("active");
    }

    private static JsonNode history(Service service) {
        return service.json(service.get("/v1/rules/versions", TestKeys.AUDITOR));
    }

    private static JsonNode version(Service service) {
        return service.json(service.get("/v1/rules/version", TestKeys.SCREENER));
    }

    @Test
    void anActivatedVersionTheHistoryAndRollbacksSurviveRestarts() {
        List<String> db = newDatabase();
        String packagedHash;
        JsonNode historyBefore;
        try (Service first = start(db)) {
            packagedHash = version(first).path("contentHash").asString();
            assertThat(verdictForCd4(first, 380)).isEqualTo("ELIGIBLE");
            activate(first, amendment("a"), "CD4 upper bound 350");
            activate(first, amendment("b"), "same bound, second label");
            assertThat(verdictForCd4(first, 380)).isEqualTo("NOT_ELIGIBLE");
            historyBefore = history(first);
        }
        try (Service second = start(db)) {
            JsonNode now = version(second);
            assertThat(now.path("version").asString()).startsWith("b-");
            assertThat(now.path("configured").path("active").asBoolean()).as("the packaged bundle is not live")
                    .isFalse();
            assertThat(verdictForCd4(second, 380)).as("the same verdict for a boundary candidate").isEqualTo("NOT_ELIGIBLE");
            assertThat(history(second)).as("the history is intact").isEqualTo(historyBefore);
            assertThat(rollback(second).path("version").asString()).startsWith("a-");
        }
        try (Service third = start(db)) {
            assertThat(version(third).path("version").asString()).startsWith("a-");
            JsonNode back = rollback(third);
            assertThat(back.path("contentHash").asString()).as("two rollbacks: two versions back").isEqualTo(packagedHash);
            assertThat(verdictForCd4(third, 380)).isEqualTo("ELIGIBLE");
            HttpResponse<String> none = third.post("/v1/rules/rollbacks", toJson(map("reason", "again")),
                    TestKeys.INFORMATICIAN);
            assertThat(none.statusCode()).as("never forward again").isEqualTo(409);
            assertThat(history(third).path("activations").findValuesAsString("kind"))
                    .containsExactly("activation", "activation", "activation", "rollback", "rollback");
        }
    }

    @Test
    void underTwoPersonApprovalAProposalWaitsForASecondInformaticianAndItsApprovalLasts() {
        List<String> db = newDatabase();
        String packagedHash;
        try (Service first = start(db, "il7cds.rules.approval=two-person")) {
            packagedHash = version(first).path("contentHash").asString();
            HttpResponse<String> proposed = first.post("/v1/rules/activations", toJson(map("source", "upload",
                    "files", amendment("p"), "reason", "CD4 upper bound 350")), TestKeys.INFORMATICIAN);
            assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(202);
            JsonNode proposal = first.json(proposed).path("proposal");
            assertThat(proposal.path("status").asString()).isEqualTo("open");
            assertThat(version(first).path("contentHash").asString()).as("nothing live yet").isEqualTo(packagedHash);
            String approval = "/v1/rules/proposals/" + proposal.path("id").asInt() + "/approval";

            HttpResponse<String> self = first.post(approval, toJson(map("reason", "mine")), TestKeys.INFORMATICIAN);
            assertThat(self.statusCode()).isEqualTo(409);
            assertThat(first.json(self).path("type").asString()).endsWith("/self-approval");
            JsonNode detail = first.json(first.get("/v1/rules/proposals/" + proposal.path("id").asInt(),
                    TestKeys.AUDITOR));
            assertThat(detail.path("validationReport").path("valid").asBoolean()).isTrue();
            // One impact report per protocol (four are packaged): the amendment changes levy-2009's verdicts.
            int changed = 0;
            for (JsonNode report : detail.path("impact")) {
                changed += report.path("verdictsChanged").asInt();
            }
            assertThat(changed).as(detail.path("impact").toString()).isPositive();

            HttpResponse<String> approved = first.post(approval, toJson(map("reason", "checked against amendment 2")),
                    TestKeys.INFORMATICIAN_2);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(first.json(approved).path("active").path("kind").asString()).isEqualTo("approval");
            assertThat(verdictForCd4(first, 380)).isEqualTo("NOT_ELIGIBLE");
        }
        try (Service second = start(db, "il7cds.rules.approval=two-person")) {
            assertThat(version(second).path("version").asString()).startsWith("p-");
            JsonNode history = history(second);
            assertThat(history.path("approval").asString()).isEqualTo("two-person");
            assertThat(history.path("proposals").get(0).path("status").asString()).isEqualTo("approved");
            assertThat(history.path("proposals").get(0).path("decidedBy").asString()).isEqualTo("test-informatician-2");
            HttpResponse<String> again = second.post("/v1/rules/proposals/1/withdrawal", toJson(map("reason", "late")),
                    TestKeys.INFORMATICIAN);
            assertThat(second.json(again).path("type").asString()).endsWith("/proposal-closed");
        }
    }

    @Test
    void aFirstStartOnADirectoryWhoseScenariosFailRefusesToStartNamingThem() throws IOException {
        Path dir = Files.createTempDirectory("il7cds-failing-rules-");
        for (Map.Entry<String, String> f : edited(new String[] {LEVY + "protocol.yaml", "max: { value: 400,",
                "max: { value: 350,"}).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        List<String> db = newDatabase();
        assertThatThrownBy(() -> start(db, "rules.dir=" + dir)).hasRootCauseInstanceOf(RulesStartupException.class)
                .rootCause().hasMessageContaining("not valid")
                .hasMessageContaining("SCENARIO FAILED " + LEVY + "scenarios/eligibility/04-cd4-400-upper-bound.yaml");
        // Nothing was stored: the packaged rules, which pass, still start on the same database.
        try (Service packaged = start(db)) {
            assertThat(history(packaged).path("activations").size()).isEqualTo(1);
        }
    }

    @Test
    void aDirectoryThatDiffersFromTheStoredVersionIsReportedAndNotLive() throws IOException {
        List<String> db = newDatabase();
        try (Service first = start(db)) {
            activate(first, amendment("stored"), "CD4 upper bound 350");
        }
        Path dir = Files.createTempDirectory("il7cds-rules-");
        for (Map.Entry<String, String> f : edited().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        try (Service second = start(db, "rules.dir=" + dir)) {
            JsonNode v = version(second);
            assertThat(v.path("version").asString()).startsWith("stored-");
            assertThat(v.path("configured").path("origin").asString()).isEqualTo("directory");
            assertThat(v.path("configured").path("active").asBoolean()).isFalse();
            assertThat(verdictForCd4(second, 380)).isEqualTo("NOT_ELIGIBLE");
        }
    }
}
