package org.il7cds.engine.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a {@link RuleBundle} into a fresh {@link RuleSet}: one knowledge base per protocol folder, each
 * built into its own container under a unique release id (no {@code updateToVersion}, no shared
 * KieHelper id: see stack-notes.md). Any error, in any file, fails the whole load with every problem's
 * file and line; a partial rule set is never returned.
 *
 * <p>Every bundle passes {@link RuleSandbox} first, whatever its origin (upload, directory, the packaged rules): a
 * bundle it refuses is never given to Drools, neither compiled nor loaded from precompiled modules.
 */
public final class RuleSetCompiler {

    private static final Pattern PROTOCOL_FILE = Pattern.compile("protocols/([a-z0-9][a-z0-9-]*)/protocol\\.yaml");
    private static final Pattern DRL_PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][\\w.]*)\\s*;?");
    private static final AtomicLong BUILDS = new AtomicLong();
    /** Bundles given to Drools' builder, for the tests that check a refused bundle never reaches it. */
    private static final AtomicLong KIE_BUILDS = new AtomicLong();
    /** The longest version label: every verdict and calendar carries it as rulesVersion (maxLength 100). */
    public static final int MAX_VERSION_LENGTH = 100;

    private RuleSetCompiler() {
    }

    public static RuleSet compile(RuleBundle bundle) {
        // A file too long to be a rules file fails the load (the bundle's warnings do not: RulesValidator reports
        // them); with the sandbox's refusals, nothing of a refused bundle reaches Drools.
        List<RuleProblem> problems = new ArrayList<>(bundle.findings().stream()
                .filter(p -> p.severity() == RuleProblem.Severity.ERROR).toList());
        problems.addAll(RuleSandbox.check(bundle));
        problems.addAll(DrugTerminologyFile.problems(bundle));
        boolean refused = !problems.isEmpty();
        String version = bundleVersion(bundle, problems);
        Map<String, CompiledProtocol> protocols = new LinkedHashMap<>();
        for (String path : bundle.files().keySet()) {
            Matcher m = PROTOCOL_FILE.matcher(path);
            if (!m.matches()) {
                continue;
            }
            ProtocolDefinition definition = ProtocolFileParser.parse(path, bundle.text(path), problems);
            if (definition == null) {
                continue;
            }
            if (!definition.id().equals(m.group(1))) {
                problems.add(RuleProblem.error(path, 0, "the protocol id '" + definition.id()
                        + "' must match its folder name '" + m.group(1) + "'"));
                continue;
            }
            if (refused) {
                continue; // the protocol files are still read, so that their own problems are reported too
            }
            CompiledProtocol compiled = compileProtocol(bundle, definition, problems);
            if (compiled != null) {
                protocols.put(definition.id(), compiled);
            }
        }
        if (protocols.isEmpty() && problems.isEmpty()) {
            problems.add(RuleProblem.error("protocols/", 0, "no protocol found (protocols/<id>/protocol.yaml)"));
        }
        if (!problems.isEmpty()) {
            throw new RulesLoadException(problems);
        }
        return new RuleSet(version, bundle.contentHash(), bundle, protocols);
    }

    /** The version {@code bundle.yaml} declares, or null when it declares none (without compiling anything). */
    public static String declaredVersion(RuleBundle bundle) {
        return bundleVersion(bundle, new ArrayList<>());
    }

    private static String bundleVersion(RuleBundle bundle, List<RuleProblem> problems) {
        String text = bundle.text("bundle.yaml");
        if (text == null) {
            problems.add(RuleProblem.error("bundle.yaml", 0, "missing: it declares the rules version"));
            return null;
        }
        Object yaml = ProtocolFileParser.load("bundle.yaml", text, problems);
        if (yaml instanceof Map<?, ?> map && map.get("version") != null) {
            String version = String.valueOf(map.get("version"));
            String refusal = versionRefusal(version);
            if (refusal != null) {
                problems.add(RuleProblem.error("bundle.yaml", 0, refusal));
            }
            return version;
        }
        problems.add(RuleProblem.error("bundle.yaml", 0, "'version' is required"));
        return null;
    }

    /**
     * Why a version label cannot name rules, or null: it is blank, longer than {@link #MAX_VERSION_LENGTH}
     * characters, or holds a control character (a line break would also forge lines of the access log).
     */
    static String versionRefusal(String version) {
        if (version.isBlank()) {
            return "'version' is blank";
        }
        if (version.codePointCount(0, version.length()) > MAX_VERSION_LENGTH) {
            return "'version' has " + version.codePointCount(0, version.length()) + " characters; at most "
                    + MAX_VERSION_LENGTH + " (it names the rules in every verdict)";
        }
        if (version.codePoints().anyMatch(Character::isISOControl)) {
            return "'version' holds a control character (a line break, a tab, ...)";
        }
        return null;
    }

    private static CompiledProtocol compileProtocol(RuleBundle bundle, ProtocolDefinition definition,
            List<RuleProblem> problems) {
        CompiledProtocol precompiled = PrecompiledRules.load(bundle, definition);
        if (precompiled != null) {
            return precompiled;
        }
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("org.il7cds.rules", definition.id(),
                "1.0." + BUILDS.incrementAndGet());
        KieBuilder builder = build(bundle, definition, releaseId, problems);
        if (builder == null) {
            return null;
        }
        KieContainer container = ks.newKieContainer(releaseId);
        try {
            return new CompiledProtocol(definition, container.getKieBase());
        } finally {
            // The container's knowledge base stays alive through the CompiledProtocol; the repository
            // entry would otherwise keep every version ever built (a leak across activations).
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * Compiles every protocol of a bundle into a knowledge module (a kjar's bytes, by protocol id), for
     * {@link PrecompiledRules}; fails like {@link #compile} when any file has an error.
     */
    static Map<String, byte[]> compileToModules(RuleBundle bundle, String releaseVersion) {
        compile(bundle); // every check, with every problem reported, before anything is written
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, byte[]> modules = new LinkedHashMap<>();
        KieServices ks = KieServices.Factory.get();
        for (String path : bundle.files().keySet()) {
            Matcher m = PROTOCOL_FILE.matcher(path);
            if (!m.matches()) {
                continue;
            }
            ProtocolDefinition definition = ProtocolFileParser.parse(path, bundle.text(path), problems);
            ReleaseId releaseId = ks.newReleaseId("org.il7cds.rules", definition.id(), releaseVersion);
            KieBuilder builder = build(bundle, definition, releaseId, problems);
            if (builder == null) {
                throw new RulesLoadException(problems);
            }
            modules.put(definition.id(), ((InternalKieModule) builder.getKieModule()).getBytes());
            ks.getRepository().removeKieModule(releaseId);
        }
        return modules;
    }

    /** Builds a protocol's DRL files with the executable model; null (problems recorded) when they have errors. */
    private static KieBuilder build(RuleBundle bundle, ProtocolDefinition definition, ReleaseId releaseId,
            List<RuleProblem> problems) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> bundlePathByKiePath = new HashMap<>();
        bundle.files().keySet().stream()
                .filter(p -> p.startsWith(definition.folder()) && p.endsWith(".drl")
                        && p.indexOf('/', definition.folder().length()) < 0)
                .forEach(path -> {
                    String text = bundle.text(path);
                    Matcher pkg = DRL_PACKAGE.matcher(text);
                    String folder = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
                    String kiePath = "src/main/resources/" + folder + path.substring(path.lastIndexOf('/') + 1);
                    bundlePathByKiePath.put(kiePath, path);
                    bundlePathByKiePath.put(kiePath.substring("src/main/resources/".length()), path);
                    kfs.write(kiePath, text);
                });
        if (bundlePathByKiePath.isEmpty()) {
            problems.add(RuleProblem.error(definition.folder(), 0, "the protocol has no .drl file"));
            return null;
        }
        KIE_BUILDS.incrementAndGet();
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            for (Message msg : errors) {
                RuleProblem problem = locate(msg, bundle, definition, bundlePathByKiePath);
                if (problem != null && !problems.contains(problem)) {
                    problems.add(problem);
                }
            }
            ks.getRepository().removeKieModule(releaseId);
            return null;
        }
        return builder;
    }

    static long kieBuilds() {
        return KIE_BUILDS.get();
    }

    private static final Pattern UNRESOLVED = Pattern.compile("(\\$?[A-Za-z_][\\w]*) cannot be resolved");

    /**
     * Maps a Drools message to the bundle file and line an informatician edits. Errors in rule consequences
     * surface in Java generated by the executable model; those are traced back to the DRL line that holds
     * the unresolved name, or to the protocol folder when no single line can be named.
     */
    private static RuleProblem locate(Message msg, RuleBundle bundle, ProtocolDefinition definition,
            Map<String, String> bundlePathByKiePath) {
        String path = msg.getPath();
        String text = msg.getText() == null ? "" : msg.getText().strip();
        if (path == null || !path.endsWith(".java")) {
            String file = path == null ? definition.folder() : bundlePathByKiePath.getOrDefault(path, path);
            return RuleProblem.error(file, Math.max(msg.getLine(), 0), text);
        }
        if (text.startsWith("Java source of")) {
            return null; // the generated source itself; the next message says what is wrong with it
        }
        String firstLine = text.lines().findFirst().orElse(text);
        Matcher unresolved = UNRESOLVED.matcher(firstLine);
        if (unresolved.find()) {
            String name = unresolved.group(1);
            for (String drl : bundlePathByKiePath.values()) {
                String[] lines = bundle.text(drl).split("\\R", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].matches(".*(?<![\\w$])" + Pattern.quote(name) + "(?![\\w]).*")
                            && !lines[i].trim().startsWith("//")) {
                        return RuleProblem.error(drl, i + 1, firstLine);
                    }
                }
            }
        }
        return RuleProblem.error(definition.folder(), 0, "in a rule's consequence (then ... end): " + firstLine);
    }
}
