package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.il7cds.engine.fixtures.Engines;
import org.junit.jupiter.api.Test;

/**
 * A bundle whose protocols did not change (a new version label, a changed protocol elsewhere) reuses the knowledge
 * bases built before, even minutes later under load: the ones a living rule set uses are never dropped.
 */
class CompiledSourcesTest {

    /** The packaged bundle with another version label: the same protocols, another content hash. */
    static RuleBundle relabelled(RuleBundle bundle, String version) {
        Map<String, String> files = new TreeMap<>();
        bundle.files().forEach((path, bytes) -> files.put(path, new String(bytes, StandardCharsets.UTF_8)));
        files.put("bundle.yaml", files.get("bundle.yaml").replaceFirst("(?m)^version: .*", "version: \"" + version
                + "\""));
        return RuleBundle.of(files, "test");
    }

    /** Whether every protocol of {@code after} runs on the very knowledge bases of {@code before}. */
    static boolean sameBases(RuleSet before, RuleSet after) {
        return before.protocolIds().equals(after.protocolIds()) && before.protocolIds().stream().allMatch(id -> {
            CompiledProtocol b = before.protocol(id).orElseThrow();
            CompiledProtocol a = after.protocol(id).orElseThrow();
            return a.eligibilityRules() == b.eligibilityRules()
                    && a.dosingRules().orElse(null) == b.dosingRules().orElse(null);
        });
    }

    @Test
    void aNewVersionLabelReusesEveryProtocolBuiltBefore() {
        RuleSet before = Engines.packagedRules();
        RuleSet after = RuleSetCompiler.compile(relabelled(before.bundle(), "9.9.9-relabelled"));

        assertThat(after.version()).isEqualTo("9.9.9-relabelled");
        assertThat(after.contentHash()).isNotEqualTo(before.contentHash());
        assertThat(sameBases(before, after)).isTrue();
    }

    /**
     * In a JVM that clears every softly reachable object at each collection ({@code SoftRefLRUPolicyMSPerMB=0}: what
     * a long-running server does to entries idle for minutes), the protocols of a rule set still in use survive
     * collections and are reused. Before, the cache held them through a holder only it referenced: dropped at the
     * first collection, and the first activation after minutes of load rebuilt all four protocols (19.3 s).
     */
    @Test
    void theProtocolsOfALivingRuleSetSurviveCollectionsThatClearSoftReferences() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SoftRefLRUPolicyMSPerMB=0", "-XX:+UseSerialGC", "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), KeptAcrossCollections.class.getName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(File.createTempFile("kept", ".log")))
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        assertThat(p.exitValue()).as("exit 0: every protocol reused after the collections; 1: rebuilt").isZero();
    }

    /** The child JVM: compiles, collects (clearing soft references), compiles a relabelled bundle, compares. */
    public static final class KeptAcrossCollections {

        public static void main(String[] args) {
            RuleBundle levyOnly = levyOnly(RuleBundle.fromClasspath()); // one protocol: a cold build takes seconds
            RuleSet live = RuleSetCompiler.compile(levyOnly);
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            RuleSet next = RuleSetCompiler.compile(relabelled(levyOnly, "9.9.9-after-gc"));
            System.exit(live.protocolIds().size() == 1 && sameBases(live, next) ? 0 : 1);
        }

        private static RuleBundle levyOnly(RuleBundle bundle) {
            Map<String, String> files = new TreeMap<>();
            bundle.files().forEach((path, bytes) -> {
                if (!path.startsWith("protocols/") || path.startsWith("protocols/levy-2009/")) {
                    files.put(path, new String(bytes, StandardCharsets.UTF_8));
                }
            });
            return RuleBundle.of(files, "test");
        }
    }
}
