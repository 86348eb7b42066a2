package org.il7cds.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line of the service's jar: help, unknown commands, and a validate report with nothing else in it. */
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private OptionalInt run(String... args) {
        return Il7cdsApiApplication.command(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpPrintsEveryCommandAndExits(String word) {
        assertThat(run(word)).hasValue(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "validate <rules directory>",
                "create-api-key --client-id=<id> --roles=<role>", "help");
        assertThat(err.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"srve", "version", "start", "validate-rules"})
    void anUnknownCommandIsAnErrorNotAServerStart(String word) {
        assertThat(run(word, "--server.port=9090")).hasValue(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown command '" + word + "'")
                .contains("usage: java -jar il7cds-api.jar");
    }

    @Test
    void noCommandServeOrOnlyOptionsStartTheServer() {
        assertThat(run()).isEmpty();
        assertThat(run("serve", "--server.port=9090")).isEmpty();
        assertThat(run("--server.port=9090", "--rules.dir=rules")).isEmpty();
    }

    /**
     * In a JVM of its own, as a person runs it: standard output holds the report and nothing else (no Drools
     * compiler warning, no logger line).
     */
    @Test
    void validatePrintsACleanReport() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Il7cdsApiApplication.class.getName(), "validate", "../rules")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("VALID: 0 problem(s)");
        assertThat(output).doesNotContain(" WARN ", " INFO ", "ConstraintParser", "SLF4J", "KieContainer");
    }
}
