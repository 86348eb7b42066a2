package org.il7cds.api.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Hostile rules over HTTP, end to end: an informatician uploads a payload that would run code, stop the service,
 * block it or read its secrets. Validation answers 200 with the refusal (file and line), activation 422, and after
 * each: the file the payload would have written does not exist, health answers, the live rules are the same. The
 * full suite of attacks runs in the engine (HostileRulesTest); these are the ones the issue saw succeed.
 */
class HostileRulesIT extends ApiIT {

    private static final String INFORMATICIAN = TestKeys.INFORMATICIAN.authorization();
    private static final String FILE = "protocols/levy-2009/hostile.drl";

    @TempDir
    static Path markers;

    private static String drl(String actions) {
        return """
                package il7cds.levy2009;
                import org.il7cds.engine.eligibility.AsOf;
                import org.il7cds.engine.eligibility.Criterion;
                global org.il7cds.engine.eligibility.Findings findings;
                rule "hostile"
                    @source("test")
                when
                    $c : Criterion(id == "adult")
                    AsOf()
                then
                    %s
                end
                """.formatted(actions);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            runs a command                  | Runtime.getRuntime().exec(new String[] {"touch", "MARKER"});      | 'Runtime' is not allowed
            writes a file                   | java.nio.file.Files.createFile(java.nio.file.Path.of("MARKER"));  | fully-qualified names
            exits cleanly                   | java.nio.file.Files.createFile(java.nio.file.Path.of("MARKER")); System.exit(0); | 'System' is not allowed
            halts the JVM                   | Runtime.getRuntime().halt(42);                                     | 'Runtime' is not allowed
            blocks administration           | Thread.sleep(600000);                                              | 'Thread' is not allowed
            busy-loops                      | while (true) { }                                                   | loops are not allowed
            fills the heap                  | System.getProperties().put($c, new byte[100000000]);              | 'System' is not allowed
            leaks the environment           | findings.met($c, System.getenv());               | 'System' is not allowed
            reaches the session             | findings.met($c, drools.getKieRuntime().getObjects()); | 'drools.getKieRuntime(...)' is not allowed
            hides code behind a comment     | // note \\u000a java.nio.file.Files.createFile(java.nio.file.Path.of("MARKER")); | unicode escapes
            """)
    void isRefusedAndChangesNothing(String attack, String actions, String refusal) {
        Path marker = markers.resolve(attack.replace(' ', '-') + ".marker");
        String before = rulesVersion();
        Map<String, String> files = RulesAdminIT.packagedFiles();
        files.put(FILE, drl(actions.replace("MARKER", marker.toString())));
        String upload = toJson(map("source", "upload", "files", files));

        HttpResponse<String> validation = post("/v1/rules/validations", upload, "application/json", null, INFORMATICIAN);
        assertThat(validation.statusCode()).as(validation.body()).isEqualTo(200);
        Contract.assertValid("POST", "/v1/rules/validations", validation);
        JsonNode report = json(validation);
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("scenarios").size()).as("no scenario ran").isZero();
        assertThat(report.path("problems")).anySatisfy(p -> {
            assertThat(p.path("file").asString()).isEqualTo(FILE);
            assertThat(p.path("line").asInt()).isEqualTo(11);
            assertThat(p.path("message").asString()).contains(refusal);
        });

        HttpResponse<String> activation = post("/v1/rules/activations",
                toJson(map("source", "upload", "files", files, "reason", "hostile test")), "application/json", null,
                INFORMATICIAN);
        assertProblem(activation, 422, "rules-invalid", "POST", "/v1/rules/activations");

        assertThat(marker).doesNotExist();
        HttpResponse<String> health = get("/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("UP");
        assertThat(rulesVersion()).isEqualTo(before);
    }

    private String rulesVersion() {
        HttpResponse<String> r = get("/v1/rules/version", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
