package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.il7cds.engine.authoring.RulesValidator;
import org.il7cds.engine.authoring.ValidationReport;
import org.il7cds.engine.fixtures.Bundles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that would break an output limit is refused where the rules are read, the same way for an upload and for a
 * directory (issue 12): a version label above rulesVersion's maxLength (100), a file above the declared 262,144
 * characters. A hidden file is left out of the bundle with a warning, from an upload and from a directory alike
 * (it was compiled from an upload and skipped from a directory).
 */
class RuleBundleLimitsTest {

    private static final String LEVY = "protocols/levy-2009/";
    private static final String HIDDEN = LEVY + ".hidden.drl";
    /** Would fail the compile if it were compiled. */
    private static final String NOT_DRL = "this is not DRL at all";

    @TempDir
    Path dir;

    @Test
    void aHiddenFileIsLeftOutWithAWarningFromAnUploadAndFromADirectoryAlike() throws IOException {
        RuleBundle upload = Bundles.packagedWith(HIDDEN, NOT_DRL);
        RuleBundle directory = RuleBundle.fromDirectory(copyOfTheRulesWith(HIDDEN, NOT_DRL));
        for (RuleBundle bundle : List.of(upload, directory)) {
            assertThat(bundle.files()).doesNotContainKey(HIDDEN);
            assertThat(bundle.contentHash()).as("the hidden file is not hashed").isEqualTo(packagedHash());
            assertThat(bundle.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(RuleProblem.Severity.WARNING);
                assertThat(f.file()).isEqualTo(HIDDEN);
                assertThat(f.message()).contains("hidden file", "not part of the rules bundle");
            });
        }
        ValidationReport report = RulesValidator.validate(upload).report();
        assertThat(report.valid()).as("not compiled: it would not compile").isTrue();
        assertThat(report.problems()).containsExactlyElementsOf(upload.findings());
    }

    @Test
    void aFileInAHiddenFolderIsLeftOutToo() {
        RuleBundle bundle = Bundles.packagedWith(LEVY + ".backup/eligibility.drl", NOT_DRL);
        assertThat(bundle.files()).doesNotContainKey(LEVY + ".backup/eligibility.drl");
        assertThat(bundle.findings()).singleElement().extracting(RuleProblem::file)
                .isEqualTo(LEVY + ".backup/eligibility.drl");
    }

    @Test
    void aFileAboveTheLimitIsAnErrorFromAnUploadAndFromADirectoryAlike() throws IOException {
        String tooLong = drlOfLength(RuleBundle.MAX_FILE_CHARS + 1);
        RuleBundle upload = Bundles.packagedWith(LEVY + "long.drl", tooLong);
        RuleBundle directory = RuleBundle.fromDirectory(copyOfTheRulesWith(LEVY + "long.drl", tooLong));
        for (RuleBundle bundle : List.of(upload, directory)) {
            assertThat(bundle.files()).doesNotContainKey(LEVY + "long.drl");
            assertThat(bundle.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(RuleProblem.Severity.ERROR);
                assertThat(f.file()).isEqualTo(LEVY + "long.drl");
                assertThat(f.message()).contains("longer than 262144 characters");
            });
        }
        assertThatThrownBy(() -> RuleSetCompiler.compile(upload)).isInstanceOfSatisfying(RulesLoadException.class,
                e -> assertThat(e.problems()).containsAll(upload.findings()));
    }

    @Test
    void aFileOfExactlyTheLimitIsARulesFileAndCharactersAreCountedNotBytes() {
        assertThat(RuleSetCompiler.compile(Bundles.packagedWith(LEVY + "long.drl",
                drlOfLength(RuleBundle.MAX_FILE_CHARS))).bundle().files()).containsKey(LEVY + "long.drl");
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units, four UTF-8 bytes
        assertThat(RuleBundle.isTooLong(emoji.repeat(RuleBundle.MAX_FILE_CHARS))).isFalse();
        assertThat(RuleBundle.isTooLong(emoji.repeat(RuleBundle.MAX_FILE_CHARS + 1))).isTrue();
    }

    @Test
    void aVersionLabelLongerThan100CharactersFailsTheLoadAtBundleYaml() {
        RuleBundle bundle = Bundles.packagedWith("bundle.yaml", "version: \"" + "v".repeat(121) + "\"\n");
        assertThatThrownBy(() -> RuleSetCompiler.compile(bundle))
                .isInstanceOfSatisfying(RulesLoadException.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("bundle.yaml");
                    assertThat(p.message()).isEqualTo("'version' has 121 characters; at most 100 (it names the rules"
                            + " in every verdict)");
                }));
    }

    @Test
    void aVersionLabelIsAtMost100CharactersOnOneLine() {
        assertThat(RuleSetCompiler.versionRefusal("v".repeat(100))).isNull();
        assertThat(RuleSetCompiler.versionRefusal("\uD83D\uDE00".repeat(100))).as("characters, not UTF-16 units").isNull();
        assertThat(RuleSetCompiler.versionRefusal("1.0.1-cd4 350")).isNull();
        assertThat(RuleSetCompiler.versionRefusal("v".repeat(101))).contains("at most 100");
        assertThat(RuleSetCompiler.versionRefusal("1.0\nINFO forged access-log line")).contains("control character");
        assertThat(RuleSetCompiler.versionRefusal("1.0\t")).contains("control character");
        assertThat(RuleSetCompiler.versionRefusal("   ")).contains("blank");
    }

    private static String drlOfLength(int length) {
        String head = "package il7cds.levy2009;\n// ";
        return head + "x".repeat(length - head.length());
    }

    private static String packagedHash() {
        return RuleBundle.fromClasspath().contentHash();
    }

    /** A rules directory holding the packaged files and this one. */
    private Path copyOfTheRulesWith(String file, String text) throws IOException {
        for (var entry : RuleBundle.fromClasspath().files().entrySet()) {
            Path p = dir.resolve(entry.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, entry.getValue());
        }
        Files.writeString(dir.resolve(file), text);
        return dir;
    }
}
