package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.scenarios.DosingScenarios;
import org.il7cds.engine.scenarios.EligibilityScenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules compiled at build time behave exactly as rules compiled from their files (every scenario of the packaged
 * rules passes on them), and are used only for the bundle they were compiled from.
 */
class PrecompiledRulesTest {

    @TempDir
    static Path classes;
    private static RuleBundle bundle;
    private static ClassLoader modules;

    @BeforeAll
    static void precompile() throws Exception {
        bundle = RuleBundle.fromClasspath();
        Map<String, byte[]> compiled = RuleSetCompiler.compileToModules(bundle, "test-precompiled");
        assertThat(compiled).containsOnlyKeys("a5214", "inspire-2", "inspire-3", "levy-2009");
        for (Map.Entry<String, byte[]> m : compiled.entrySet()) {
            Path out = classes.resolve(PrecompiledRules.resource(bundle.contentHash(), m.getKey()));
            Files.createDirectories(out.getParent());
            Files.write(out, m.getValue());
        }
        modules = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }

    @Test
    void everyScenarioPassesOnThePrecompiledRules() {
        ProtocolDefinition definition = Engines.packagedRules().protocol("levy-2009").orElseThrow().definition();
        CompiledProtocol loaded = PrecompiledRules.load(bundle, definition, true, true, true, modules);
        assertThat(loaded).isNotNull();
        RuleSet rules = new RuleSet(Engines.packagedRules().version(), bundle.contentHash(), bundle,
                Map.of("levy-2009", loaded), "levy-2009", Engines.packagedRules().drugs());

        List<RuleProblem> problems = new ArrayList<>();
        // The levy-2009 module alone: its scenarios (the other protocols' run in the scenario tests).
        var eligibility = EligibilityScenarios.read(bundle, problems).stream()
                .filter(s -> s.protocolId().equals("levy-2009")).toList();
        var dosing = DosingScenarios.read(bundle, problems).stream()
                .filter(s -> s.protocolId().equals("levy-2009")).toList();
        assertThat(problems).isEmpty();
        assertThat(eligibility).hasSizeGreaterThan(30);
        assertThat(dosing).hasSizeGreaterThan(10);
        eligibility.forEach(s -> assertThat(EligibilityScenarios.run(rules, s).differences()).as(s.name()).isEmpty());
        dosing.forEach(s -> assertThat(DosingScenarios.run(rules, s).passed()).as(s.name()).isTrue());
    }

    @Test
    void loadingTheSameModuleTwiceGivesTwoIndependentKnowledgeBases() {
        ProtocolDefinition definition = Engines.packagedRules().protocol("levy-2009").orElseThrow().definition();
        CompiledProtocol first = PrecompiledRules.load(bundle, definition, true, true, true, modules);
        CompiledProtocol second = PrecompiledRules.load(bundle, definition, true, true, true, modules);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(second.eligibilityRules()).isNotSameAs(first.eligibilityRules());
        assertThat(second.dosingRules().orElseThrow()).isNotSameAs(first.dosingRules().orElseThrow());
    }

    @Test
    void anEditedBundleFindsNoPrecompiledRules() {
        Map<String, String> files = new java.util.TreeMap<>();
        bundle.files().keySet().forEach(p -> files.put(p, bundle.text(p)));
        files.put("bundle.yaml", files.get("bundle.yaml") + "\n# edited\n");
        RuleBundle edited = RuleBundle.of(files, "test");
        ProtocolDefinition definition = Engines.packagedRules().protocol("levy-2009").orElseThrow().definition();
        assertThat(edited.contentHash()).isNotEqualTo(bundle.contentHash());
        assertThat(PrecompiledRules.load(edited, definition, true, true, true, modules)).isNull();
    }

    /**
     * With paths and contents joined by separators alone, one file embedding the others (with NULs) would have the
     * packaged hash and get the packaged modules. Lengths in the hash make it differ; the modules also require the
     * packaged files byte for byte.
     */
    @Test
    void aBundleEmbeddingThePackagedFilesInOneFileHasItsOwnHashAndNoPrecompiledRules() {
        List<String> paths = new ArrayList<>(bundle.files().keySet());
        StringBuilder first = new StringBuilder(bundle.text(paths.get(0)));
        for (String path : paths.subList(1, paths.size())) {
            first.append('\0').append(path).append('\0').append(bundle.text(path));
        }
        RuleBundle forged = RuleBundle.of(Map.of(paths.get(0), first.toString()), "forged");
        ProtocolDefinition definition = Engines.packagedRules().protocol("levy-2009").orElseThrow().definition();
        assertThat(forged.contentHash()).isNotEqualTo(bundle.contentHash());
        assertThat(PrecompiledRules.load(forged, definition, true, true, true, modules)).isNull();
        assertThat(PrecompiledRules.load(bundle, definition, true, true, true, modules)).isNotNull();
    }
}
