package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.il7cds.engine.authoring.ActivationResult;
import org.il7cds.engine.authoring.InMemoryRulesStore;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.authoring.RulesValidator;
import org.il7cds.engine.fixtures.Bundles;
import org.il7cds.engine.fixtures.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-rules suite: each file of {@code src/test/resources/hostile-rules/} is one rules upload a hostile
 * informatician could try (its first line says which attack). Added to the packaged rules as
 * {@code protocols/levy-2009/hostile.drl}, each must be refused, before Drools builds anything, on the lines its
 * {@code // refused: <message>} comments mark, and refused alike by validation, activation and the start-up
 * compile. Nothing may have happened: the marker file its payload would write ({@code MARKER}) does not exist, the
 * live rules are the same, and the test JVM is still running (an exit or halt would end the whole test run).
 */
class HostileRulesTest {

    private static final String PATH = "protocols/levy-2009/hostile.drl";
    private static final String REFUSED = "// refused: ";

    @TempDir
    static Path markers;

    /**
     * One registry for every attack (opening one validates the packaged rules): each attack is tried on the live
     * version the previous ones left, which must still be version 1, unchanged.
     */
    private static RulesRegistry registry;

    @BeforeAll
    static void openRegistry() {
        registry = RulesRegistry.open(new InMemoryRulesStore(), RuleBundle.fromClasspath(), "packaged",
                Engines::packagedRules, Engines.CLOCK, RulesRegistry.Approval.SINGLE);
    }

    /** A refusal a hostile file expects: its line and a fragment of the message. */
    private record Expected(int line, String message) {
    }

    static Stream<Arguments> attacks() throws IOException, URISyntaxException {
        Path folder = Path.of(HostileRulesTest.class.getResource("/hostile-rules").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".drl")).sorted().toList().stream().map(f -> {
                try {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    String name = f.getFileName().toString().replace(".drl", "");
                    return Arguments.of(name + ": " + text.lines().findFirst().orElse("").replace("// attack: ", ""),
                            name, text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isRefusedBeforeDroolsSeesItAndChangesNothing(String attack, String name, String text) {
        Path marker = markers.resolve(name + ".marker");
        String drl = text.replace("MARKER", marker.toString());
        List<Expected> expected = expected(drl);
        assertThat(expected).as("the file marks the lines it expects refused").isNotEmpty();
        RuleBundle bundle = Bundles.packagedWith(PATH, drl);
        ActiveRules live = registry.live();
        RuleSet before = live.get();
        long builds = RuleSetCompiler.kieBuilds();

        RulesValidator.Outcome validation = RulesValidator.validate(bundle);
        assertThat(validation.compiled()).isNull();
        assertThat(validation.report().valid()).isFalse();
        assertThat(validation.report().scenarios()).as("no scenario ran").isEmpty();
        assertRefused(validation.report().problems(), expected);

        ActivationResult activation = registry.activate(bundle, "hostile", "upload", "hostile test");
        assertThat(activation.activated()).isFalse();
        assertThat(activation.active().id()).isEqualTo(1);
        assertThat(live.get()).isSameAs(before);
        assertRefused(activation.report().problems(), expected);

        RulesLoadException startUp = catchThrowableOfType(RulesLoadException.class,
                () -> RuleSetCompiler.compile(bundle));
        assertThat(startUp).as("the start-up compile refuses it too").isNotNull();
        assertRefused(startUp.problems(), expected);

        assertThat(RuleSetCompiler.kieBuilds()).as("Drools' builder never saw the bundle").isEqualTo(builds);
        assertThat(marker).doesNotExist();
    }

    private static List<Expected> expected(String drl) {
        List<Expected> expected = new ArrayList<>();
        String[] lines = drl.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf(REFUSED);
            if (at >= 0) {
                expected.add(new Expected(i + 1, lines[i].substring(at + REFUSED.length()).trim()));
            }
        }
        return expected;
    }

    private static void assertRefused(List<RuleProblem> problems, List<Expected> expected) {
        for (Expected e : expected) {
            assertThat(problems).as("refusals %s, expected line %d: %s", problems, e.line(), e.message())
                    .anySatisfy(p -> {
                        assertThat(p.severity()).isEqualTo(RuleProblem.Severity.ERROR);
                        assertThat(p.file()).isEqualTo(PATH);
                        assertThat(p.line()).isEqualTo(e.line());
                        assertThat(p.message()).contains(e.message());
                    });
        }
    }
}
