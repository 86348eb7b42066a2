package org.il7cds.api.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.TestKeys;
import org.il7cds.api.support.Contract;
import org.il7cds.engine.rules.RuleBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Rules administration over HTTP: validate, preview, activate, versions, rollback (with the packaged rules). */
class RulesAdminIT extends ApiIT {

    private static final String INFORMATICIAN = TestKeys.INFORMATICIAN.authorization();

    /** Rules administration calls carry the informatician's key (the other calls the default pharmacist's). */
    private HttpResponse<String> admin(String path, String body) {
        return post(path, body, "application/json", null, INFORMATICIAN);
    }


    private static final String LEVY = "protocols/levy-2009/";
    private static final String VALIDATIONS = "/v1/rules/validations";
    private static final String PREVIEWS = "/v1/rules/previews";
    private static final String ACTIVATIONS = "/v1/rules/activations";
    private static final String VERSIONS = "/v1/rules/versions";
    private static final String ROLLBACKS = "/v1/rules/rollbacks";

    private String packagedHash;

    /** The packaged files, each edit {path, from, to} applied (and required to change something). */
    static Map<String, String> packagedFiles(String[]... edits) {
        Map<String, String> files = new LinkedHashMap<>();
        RuleBundle.fromClasspath().files().forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
        for (String[] e : edits) {
            String edited = files.get(e[0]).replace(e[1], e[2]);
            assertThat(edited).as("edit of " + e[0]).isNotEqualTo(files.get(e[0]));
            files.put(e[0], edited);
        }
        return files;
    }

    /** CD4 upper bound 400 -> 350, version bumped, the scenarios that pinned 400 updated. */
    static Map<String, String> cd4Amendment() {
        String s04 = LEVY + "scenarios/eligibility/04-cd4-400-upper-bound.yaml";
        String s06 = LEVY + "scenarios/eligibility/06-cd4-in-10e9-per-litre.yaml";
        return packagedFiles(new String[] {LEVY + "protocol.yaml", "max: { value: 400,", "max: { value: 350,"},
                new String[] {"bundle.yaml", "version: \"", "version: \"350-"},
                new String[] {s04, "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE"},
                new String[] {s04, "cd4-count: MET", "cd4-count: NOT_MET"},
                new String[] {s06, "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE"},
                new String[] {s06, "cd4-count: MET", "cd4-count: NOT_MET"});
    }

    private static String upload(Map<String, String> files) {
        return toJson(map("source", "upload", "files", files));
    }

    /** An activation request: the files and why. */
    private static String activation(Map<String, String> files) {
        return toJson(map("source", "upload", "files", files, "reason", "test: CD4 amendment"));
    }

    private static final String BECAUSE = toJson(map("reason", "test: back to the packaged rules"));

    private HttpResponse<String> postJson(String path, String body) {
        Contract.assertValidRequest("POST", path, body);
        HttpResponse<String> r = admin(path, body);
        Contract.assertValid("POST", path, r);
        return r;
    }

    private String verdictForCd4(int cd4) {
        Map<String, Object> candidate = eligibleCandidate();
        candidate.put("cd4Counts", list(lab(cd4, "cells/uL")));
        HttpResponse<String> r = post("/v1/eligibility/assessments", toJson(assessment(candidate)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("verdict").asString();
    }

    private String activeHash() {
        return json(get("/v1/rules/version", null)).path("contentHash").asString();
    }

    @AfterEach
    void restoreThePackagedRules() {
        if (packagedHash != null && !activeHash().equals(packagedHash)) {
            assertThat(admin(ROLLBACKS, BECAUSE).statusCode()).isEqualTo(200);
        }
        if (packagedHash != null) {
            assertThat(activeHash()).isEqualTo(packagedHash);
        }
    }

    @Test
    void validationReportsASyntaxErrorWithFileAndLineAndChangesNothing() {
        packagedHash = activeHash();
        HttpResponse<String> r = postJson(VALIDATIONS, upload(packagedFiles(new String[] {LEVY + "exclusions.drl",
                "History(priorInterleukinTherapy == true)", "History(priorInterleukinTherapy == true"})));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("problems").get(0).path("file").asString()).isEqualTo(LEVY + "exclusions.drl");
        assertThat(report.path("problems").get(0).path("line").asInt()).isPositive();
        assertThat(activeHash()).isEqualTo(packagedHash);
    }

    @Test
    void validationOfThePackagedRulesPassesEveryScenario() {
        packagedHash = activeHash();
        JsonNode report = json(postJson(VALIDATIONS, upload(packagedFiles())));
        assertThat(report.path("valid").asBoolean()).isTrue();
        assertThat(report.path("scenarios").size()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void previewOfTheCd4AmendmentListsExactlyTheCandidatesWhoseVerdictChanges() {
        packagedHash = activeHash();
        Map<String, Object> c351 = eligibleCandidate("C-351");
        c351.put("cd4Counts", list(lab(351, "cells/uL")));
        Map<String, Object> c300 = eligibleCandidate("C-300");
        c300.put("cd4Counts", list(lab(300, "cells/uL")));
        String body = toJson(map("rules", map("source", "upload", "files", cd4Amendment()), "asOf", "2026-11-26",
                "includeScenarioCandidates", false, "candidates", list(c351, c300)));
        HttpResponse<String> r = postJson(PREVIEWS, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.path("candidatesCompared").asInt()).isEqualTo(2);
        assertThat(report.path("verdictsChanged").asInt()).isEqualTo(1);
        JsonNode changed = report.path("candidates").get(0);
        assertThat(changed.path("candidateId").asString()).isEqualTo("C-351");
        assertThat(changed.path("verdictChanged").asBoolean()).isTrue();
        assertThat(changed.path("changes").get(0).path("thresholdAfter").asString()).startsWith("100–350");
        assertThat(report.path("candidates").get(1).path("verdictChanged").asBoolean()).isFalse();
        assertThat(activeHash()).isEqualTo(packagedHash);
    }

    @Test
    void activationChangesTheVerdictOfABoundaryCandidateAndRollbackRestoresIt() {
        packagedHash = activeHash();
        assertThat(verdictForCd4(380)).isEqualTo("ELIGIBLE");

        HttpResponse<String> activated = postJson(ACTIVATIONS, activation(cd4Amendment()));
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(json(activated).path("activated").asBoolean()).isTrue();
        assertThat(verdictForCd4(380)).isEqualTo("NOT_ELIGIBLE");
        assertThat(json(get("/v1/rules/version", null)).path("version").asString()).startsWith("350-");

        HttpResponse<String> versions = get(VERSIONS, null, INFORMATICIAN);
        Contract.assertValid("GET", VERSIONS, versions);
        JsonNode list = json(versions).path("activations");
        JsonNode last = list.get(list.size() - 1);
        assertThat(last.path("contentHash").asString())
                .isEqualTo(json(activated).path("active").path("contentHash").asString());
        assertThat(last.path("activatedBy").asString()).isEqualTo("test-informatician");
        assertThat(last.path("reason").asString()).isEqualTo("test: CD4 amendment");
        assertThat(json(versions).path("activeId").asInt()).isEqualTo(last.path("id").asInt());

        HttpResponse<String> back = postJson(ROLLBACKS, BECAUSE);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(json(back).path("active").path("kind").asString()).isEqualTo("rollback");
        assertThat(json(back).path("active").path("contentHash").asString()).isEqualTo(packagedHash);
        assertThat(verdictForCd4(380)).isEqualTo("ELIGIBLE");
    }

    @Test
    void aBrokenVersionIsRefusedWithTheReportAndTheOldVersionKeepsAnswering() {
        packagedHash = activeHash();
        HttpResponse<String> r = admin(ACTIVATIONS, activation(packagedFiles(new String[] {LEVY + "protocol.yaml",
                "max: { value: 400,", "max: { value: 350,"}, new String[] {"bundle.yaml", "version: \"", "version: \"bad-"})));
        JsonNode problem = assertProblem(r, 422, "rules-invalid", "POST", ACTIVATIONS);
        assertThat(problem.path("report").path("valid").asBoolean()).isFalse();
        assertThat(problem.path("report").path("scenarios").toString()).contains("04-cd4-400-upper-bound.yaml");
        assertThat(activeHash()).isEqualTo(packagedHash);
        assertThat(verdictForCd4(380)).isEqualTo("ELIGIBLE");
    }

    @Test
    void aReusedVersionLabelWithOtherContentIsRefusedNamingTheStoredVersion() {
        packagedHash = activeHash();
        Map<String, String> sameLabel = cd4Amendment();
        sameLabel.put("bundle.yaml", RuleBundle.fromClasspath().text("bundle.yaml"));
        HttpResponse<String> r = admin(ACTIVATIONS, activation(sameLabel));
        JsonNode problem = assertProblem(r, 409, "rules-version-label-taken", "POST", ACTIVATIONS);
        assertThat(problem.path("detail").asString()).contains("already stored as version #1", packagedHash);
        assertThat(activeHash()).isEqualTo(packagedHash);
    }

    @Test
    void anActivationOrRollbackWithoutAReasonIsRefused() {
        packagedHash = activeHash();
        assertProblem(admin(ACTIVATIONS, upload(cd4Amendment())), 400, "validation", "POST", ACTIVATIONS);
        assertProblem(admin(ROLLBACKS, toJson(map("reason", ""))), 400, "validation", "POST", ROLLBACKS);
        assertThat(activeHash()).isEqualTo(packagedHash);
    }

    @Test
    void theAuditShowsAStoredVersionsFilesAndTheDiffBetweenTwoVersions() {
        packagedHash = activeHash();
        assertThat(postJson(ACTIVATIONS, activation(cd4Amendment())).statusCode()).isEqualTo(200);
        JsonNode history = json(get(VERSIONS, null, TestKeys.AUDITOR.authorization()));
        JsonNode versions = history.path("versions");
        int packaged = versions.get(0).path("id").asInt();
        int amended = history.path("activeVersionId").asInt();

        HttpResponse<String> detail = get(VERSIONS + "/" + amended, null, TestKeys.AUDITOR.authorization());
        Contract.assertValid("GET", VERSIONS + "/" + amended, detail);
        assertThat(json(detail).path("files").path(LEVY + "protocol.yaml").asString()).contains("max: { value: 350,");
        assertThat(json(detail).path("validationReport").path("valid").asBoolean()).isTrue();

        String diffPath = "/v1/rules/diffs?from=" + packaged + "&to=" + amended;
        HttpResponse<String> diff = get(diffPath, null, TestKeys.AUDITOR.authorization());
        Contract.assertValid("GET", "/v1/rules/diffs", diff);
        JsonNode files = json(diff).path("files");
        assertThat(files.findValuesAsString("path")).contains(LEVY + "protocol.yaml", "bundle.yaml");
        assertThat(files.toString()).contains("-      max: { value: 400,", "+      max: { value: 350,");
        assertProblem(get(VERSIONS + "/999", null, TestKeys.AUDITOR.authorization()), 404, "not-found", "GET",
                VERSIONS + "/999");
    }

    @Test
    void directorySourceWithoutADirectoryIsAValidationProblem() {
        packagedHash = activeHash();
        assertProblem(admin(ACTIVATIONS, toJson(map("source", "directory", "reason", "x"))), 400, "validation",
                "POST", ACTIVATIONS);
    }

    @Test
    void uploadedPathsMustStayInsideTheRulesRoot() {
        packagedHash = activeHash();
        assertProblem(admin(VALIDATIONS, upload(Map.of("../etc/passwd", "x"))), 400, "validation", "POST", VALIDATIONS);
        assertProblem(admin(VALIDATIONS, upload(Map.of())), 400, "validation", "POST", VALIDATIONS);
    }
}
