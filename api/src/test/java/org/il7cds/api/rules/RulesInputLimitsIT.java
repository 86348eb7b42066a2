package org.il7cds.api.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestKeys;
import org.il7cds.engine.rules.RuleBundle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Uploaded rules that would break an output limit are refused at the input (issue 12: a 121-character version label
 * was accepted, and then every rulesVersion broke maxLength 100; a 300,000-character file was accepted), and an
 * uploaded hidden file is left out with a warning, as from a directory. Nothing here changes the live rules.
 */
class RulesInputLimitsIT extends ApiIT {

    private static final String LEVY = "protocols/levy-2009/";
    private static final String VALIDATIONS = "/v1/rules/validations";
    private static final String PREVIEWS = "/v1/rules/previews";
    private static final String ACTIVATIONS = "/v1/rules/activations";

    private HttpResponse<String> admin(String path, Object body) {
        HttpResponse<String> r = post(path, toJson(body), "application/json", null,
                TestKeys.INFORMATICIAN.authorization());
        Contract.assertValid("POST", path, r);
        return r;
    }

    private static Map<String, String> packagedWith(String path, String text) {
        Map<String, String> files = new TreeMap<>();
        RuleBundle.fromClasspath().files().forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
        files.put(path, text);
        return files;
    }

    @Test
    void anUploadedFileAboveTheDeclaredMaxLengthIsA400NamingIt() {
        String tooLong = "package il7cds.levy2009;\n//" + "x".repeat(RuleBundle.MAX_FILE_CHARS);
        Map<String, String> files = packagedWith(LEVY + "long.drl", tooLong);
        HttpResponse<String> validation = admin(VALIDATIONS, map("source", "upload", "files", files));
        assertProblem(validation, 400, "validation", "POST", VALIDATIONS);
        assertThat(errorFields(validation)).containsExactly("files." + LEVY + "long.drl");
        HttpResponse<String> preview = admin(PREVIEWS, map("rules", map("source", "upload", "files", files)));
        assertProblem(preview, 400, "validation", "POST", PREVIEWS);
        assertThat(errorFields(preview)).containsExactly("rules.files." + LEVY + "long.drl");
    }

    @Test
    void aVersionLabelAboveTheDeclaredMaxLengthIsRefusedAndNeverBecomesARulesVersion() {
        String before = json(get("/v1/rules/version", null)).path("version").asString();
        Map<String, String> files = packagedWith("bundle.yaml", "version: \"" + "1".repeat(121) + "\"\n");

        HttpResponse<String> validation = admin(VALIDATIONS, map("source", "upload", "files", files));
        assertThat(validation.statusCode()).as(validation.body()).isEqualTo(200);
        JsonNode report = json(validation);
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("problems").toString()).contains("bundle.yaml", "'version' has 121 characters");

        HttpResponse<String> activation = admin(ACTIVATIONS, map("source", "upload", "files", files, "reason",
                "label length test"));
        assertProblem(activation, 422, "rules-invalid", "POST", ACTIVATIONS);
        assertThat(json(get("/v1/rules/version", null)).path("version").asString()).isEqualTo(before);
    }

    @Test
    void anUploadedHiddenFileIsLeftOutWithAWarning() {
        HttpResponse<String> validation = admin(VALIDATIONS, map("source", "upload", "files",
                packagedWith(LEVY + ".hidden.drl", "not DRL: it would not compile")));
        assertThat(validation.statusCode()).as(validation.body()).isEqualTo(200);
        JsonNode report = json(validation);
        assertThat(report.path("valid").asBoolean()).isTrue();
        assertThat(report.path("contentHash").asString()).isEqualTo(RuleBundle.fromClasspath().contentHash());
        assertThat(report.path("problems")).singleElement().satisfies(p -> {
            assertThat(p.path("severity").asString()).isEqualTo("WARNING");
            assertThat(p.path("file").asString()).isEqualTo(LEVY + ".hidden.drl");
        });
    }
}
