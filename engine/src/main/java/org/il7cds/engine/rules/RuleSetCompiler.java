package org.il7cds.engine.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.il7cds.engine.terminology.DrugTerminology;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieBaseModel;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a {@link RuleBundle} into a fresh {@link RuleSet}: per protocol folder, one knowledge base for eligibility
 * (its DRL files and the rules generated from its lab criteria, {@link LabCriteriaRules}) and one for dosing
 * ({@code dosing.drl}), both in one module built into its own container under a unique release id (no {@code updateToVersion}, no shared
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
    /** The file of a protocol folder that holds its dosing rules (its own knowledge base). */
    public static final String DOSING_FILE = "dosing.drl";
    /** Bundles given to Drools' builder, for the tests that check a refused bundle never reaches it. */
    private static final AtomicLong KIE_BUILDS = new AtomicLong();
    /** The longest version label: every verdict and calendar carries it as rulesVersion (maxLength 100). */
    public static final int MAX_VERSION_LENGTH = 100;

    private RuleSetCompiler() {
    }

    public static RuleSet compile(RuleBundle bundle) {
        return compile(bundle, true);
    }

    /**
     * Compiles a bundle from its files even when precompiled modules of it are packaged, and discards the result: run
     * once in the background after start, so that the first activation does not pay for the compiler's cold code
     * (measured: 9–13 s for the first activation under load, 3–4 s for the next ones). Never throws.
     */
    public static void warmUp(RuleBundle bundle) {
        try {
            compile(bundle, false);
        } catch (RuntimeException e) {
            // nothing to warm up on: the rules do not compile, which their own load reports
        }
    }

    private static RuleSet compile(RuleBundle bundle, boolean usePrecompiled) {
        // A file too long to be a rules file fails the load (the bundle's warnings do not: RulesValidator reports
        // them); with the sandbox's refusals, nothing of a refused bundle reaches Drools.
        List<RuleProblem> problems = new ArrayList<>(bundle.findings().stream()
                .filter(p -> p.severity() == RuleProblem.Severity.ERROR).toList());
        DrugTerminology drugs = DrugTerminologyFile.read(bundle, problems);
        String version = bundleVersion(bundle, problems);
        // Parsing is separate from compiling: each protocol file is read once, its lab rules generated from it, and
        // everything (generated rules too) passes the sandbox before Drools sees any of it.
        List<ProtocolDefinition> definitions = definitions(bundle, problems);
        Map<String, String> generated = new LinkedHashMap<>();
        for (ProtocolDefinition d : definitions) {
            String drl = LabCriteriaRules.drl(d);
            if (drl != null) {
                generated.put(d.folder() + LabCriteriaRules.FILE, drl);
            }
        }
        problems.addAll(RuleSandbox.check(bundle, generated));
        Map<String, CompiledProtocol> protocols = new LinkedHashMap<>();
        if (problems.isEmpty()) {
            for (ProtocolDefinition definition : definitions) {
                CompiledProtocol compiled = compileProtocol(bundle, definition,
                        generated.get(definition.folder() + LabCriteriaRules.FILE), usePrecompiled, problems);
                if (compiled != null) {
                    protocols.put(definition.id(), compiled);
                }
            }
        }
        if (protocols.isEmpty() && problems.isEmpty()) {
            problems.add(RuleProblem.error("protocols/", 0, "no protocol found (protocols/<id>/protocol.yaml)"));
        }
        if (!problems.isEmpty()) {
            throw new RulesLoadException(problems);
        }
        return new RuleSet(version, bundle.contentHash(), bundle, protocols, defaultProtocol(bundle, protocols), drugs);
    }

    /** Every protocol file of a bundle, parsed; the problems of each recorded (a broken one is left out). */
    private static List<ProtocolDefinition> definitions(RuleBundle bundle, List<RuleProblem> problems) {
        List<ProtocolDefinition> definitions = new ArrayList<>();
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
            definitions.add(definition);
        }
        return definitions;
    }

    /**
     * The protocol assessed when a request names none: {@code bundle.yaml}'s {@code defaultProtocol}, or the only
     * protocol of a bundle that has one; null otherwise (a request must then name its protocol).
     */
    private static String defaultProtocol(RuleBundle bundle, Map<String, CompiledProtocol> protocols) {
        Object yaml = ProtocolFileParser.load("bundle.yaml", bundle.text("bundle.yaml"), new ArrayList<>());
        if (yaml instanceof Map<?, ?> map && map.get("defaultProtocol") != null) {
            String id = String.valueOf(map.get("defaultProtocol"));
            if (!protocols.containsKey(id)) {
                throw new RulesLoadException(List.of(RuleProblem.error("bundle.yaml", 0, "defaultProtocol '" + id
                        + "' is not one of the protocols " + new java.util.TreeSet<>(protocols.keySet()))));
            }
            return id;
        }
        return protocols.size() == 1 ? protocols.keySet().iterator().next() : null;
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

    /**
     * A protocol's knowledge bases: reused when the same sources were built before in this process
     * ({@link CompiledSources}), else loaded precompiled (the packaged rules) or built. The warm-up ({@code
     * usePrecompiled} false) always builds: running the compiler is its purpose.
     */
    private static CompiledProtocol compileProtocol(RuleBundle bundle, ProtocolDefinition definition,
            String generated, boolean usePrecompiled, List<RuleProblem> problems) {
        Sources sources = sources(bundle, definition, generated, problems);
        if (sources == null) {
            return null;
        }
        boolean dosing = !sources.dosingPackages().isEmpty();
        Supplier<CompiledSources.Bases> load = () -> {
            CompiledProtocol precompiled = !usePrecompiled ? null : PrecompiledRules.load(bundle, definition,
                    sources.reusable(), sources.criteriaResident(), dosing);
            if (precompiled != null) {
                return new CompiledSources.Bases(precompiled.eligibilityRules(),
                        precompiled.dosingRules().orElse(null));
            }
            return build(bundle, definition, sources, problems);
        };
        CompiledSources.Bases bases = usePrecompiled
                ? CompiledSources.get(sources.textByKiePath(), sources.eligibilityPackages(), sources.dosingPackages(),
                        load)
                : load.get();
        return bases == null ? null : new CompiledProtocol(definition, bases.eligibility(), bases.dosing(),
                sources.reusable(), sources.criteriaResident());
    }

    /** Builds a protocol's sources into a container of its own and takes its knowledge bases; null on errors. */
    private static CompiledSources.Bases build(RuleBundle bundle, ProtocolDefinition definition, Sources sources,
            List<RuleProblem> problems) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("org.il7cds.rules", definition.id(),
                "1.0." + BUILDS.incrementAndGet());
        KieBuilder builder = build(bundle, definition, sources, releaseId, problems);
        if (builder == null) {
            return null;
        }
        KieContainer container = ks.newKieContainer(releaseId);
        try {
            return new CompiledSources.Bases(container.getKieBase(CompiledProtocol.ELIGIBILITY),
                    sources.dosingPackages().isEmpty() ? null : container.getKieBase(CompiledProtocol.DOSING));
        } finally {
            // The container's knowledge bases stay alive through the CompiledProtocol; the repository
            // entry would otherwise keep every version ever built (a leak across activations).
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /** The protocol's knowledge bases from a container built from its sources (or loaded precompiled). */
    static CompiledProtocol compiled(ProtocolDefinition definition, KieContainer container, boolean reusable,
            boolean criteriaResident, boolean dosing) {
        return new CompiledProtocol(definition, container.getKieBase(CompiledProtocol.ELIGIBILITY),
                dosing ? container.getKieBase(CompiledProtocol.DOSING) : null, reusable, criteriaResident);
    }

    /**
     * A protocol's DRL, by the path Drools compiles it under ({@code src/main/resources/<package>/<file>}), with the
     * bundle path it reports errors under, and the packages of each knowledge base: {@code dosing.drl}'s package makes
     * the dosing knowledge base, every other package (the generated lab rules' too) the eligibility one.
     */
    private record Sources(Map<String, String> textByKiePath, Map<String, String> bundlePathByKiePath,
            Set<String> eligibilityPackages, Set<String> dosingPackages, boolean reusable, boolean criteriaResident) {
    }

    private static Sources sources(RuleBundle bundle, ProtocolDefinition definition, String generated,
            List<RuleProblem> problems) {
        Map<String, String> files = new TreeMap<>();
        bundle.files().keySet().stream()
                .filter(p -> p.startsWith(definition.folder()) && p.endsWith(".drl")
                        && p.indexOf('/', definition.folder().length()) < 0)
                .forEach(p -> files.put(p, bundle.text(p)));
        if (generated != null) {
            files.put(definition.folder() + LabCriteriaRules.FILE, generated);
        }
        if (files.isEmpty()) {
            problems.add(RuleProblem.error(definition.folder(), 0, "the protocol has no .drl file and no lab criterion"
                    + " with a comparison: it has no rules"));
            return null;
        }
        Map<String, String> textByKiePath = new LinkedHashMap<>();
        Map<String, String> bundlePathByKiePath = new HashMap<>();
        Set<String> eligibility = new TreeSet<>();
        Set<String> dosing = new TreeSet<>();
        List<String> eligibilityTexts = new ArrayList<>();
        Map<String, String> packageOf = new HashMap<>();
        files.forEach((path, text) -> {
            Matcher pkg = DRL_PACKAGE.matcher(text);
            packageOf.put(path, pkg.find() ? pkg.group(1) : "");
        });
        // The dosing knowledge base is dosing.drl's package (with any other file of that package); every other
        // package, the generated lab rules' too, is eligibility.
        if (packageOf.containsKey(definition.folder() + DOSING_FILE)) {
            dosing.add(packageOf.get(definition.folder() + DOSING_FILE));
        }
        files.forEach((path, text) -> {
            String name = packageOf.get(path);
            if (!dosing.contains(name)) {
                eligibility.add(name);
                eligibilityTexts.add(text);
            }
            String file = path.equals(definition.folder() + LabCriteriaRules.FILE) ? "lab-criteria.drl"
                    : path.substring(path.lastIndexOf('/') + 1);
            String kiePath = "src/main/resources/" + (name.isEmpty() ? "" : name.replace('.', '/') + "/") + file;
            textByKiePath.put(kiePath, text);
            bundlePathByKiePath.put(kiePath, path);
            bundlePathByKiePath.put(kiePath.substring("src/main/resources/".length()), path);
        });
        if (eligibility.isEmpty()) {
            problems.add(RuleProblem.error(definition.folder(), 0, "the protocol has no eligibility rules"));
            return null;
        }
        return new Sources(textByKiePath, bundlePathByKiePath, eligibility, dosing,
                RuleShapes.everyRuleMatchesAFact(eligibilityTexts),
                RuleShapes.everyRuleMatchesAFactOtherThan(eligibilityTexts, "Criterion"));
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
        for (ProtocolDefinition definition : definitions(bundle, problems)) {
            Sources sources = sources(bundle, definition, LabCriteriaRules.drl(definition), problems);
            ReleaseId releaseId = ks.newReleaseId("org.il7cds.rules", definition.id(), releaseVersion);
            KieBuilder builder = sources == null ? null : build(bundle, definition, sources, releaseId, problems);
            if (builder == null) {
                throw new RulesLoadException(problems);
            }
            modules.put(definition.id(), ((InternalKieModule) builder.getKieModule()).getBytes());
            ks.getRepository().removeKieModule(releaseId);
        }
        return modules;
    }

    /** Builds a protocol's DRL with the executable model; null (problems recorded) when it has errors. */
    private static KieBuilder build(RuleBundle bundle, ProtocolDefinition definition, Sources sources,
            ReleaseId releaseId, List<RuleProblem> problems) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        KieModuleModel module = ks.newKieModuleModel();
        KieBaseModel eligibility = module.newKieBaseModel(CompiledProtocol.ELIGIBILITY);
        sources.eligibilityPackages().forEach(eligibility::addPackage);
        if (!sources.dosingPackages().isEmpty()) {
            KieBaseModel dosing = module.newKieBaseModel(CompiledProtocol.DOSING);
            sources.dosingPackages().forEach(dosing::addPackage);
        }
        // The alpha network compiler turns each knowledge base's literal constraints (the generated lab thresholds) into
        // compiled Java: measured here 8–15 % faster per assessment (shared/drools-performance-notes.md).
        module.setConfigurationProperty("drools.alphaNetworkCompiler", "inmemory");
        kfs.writeKModuleXML(module.toXML());
        sources.textByKiePath().forEach(kfs::write);
        Map<String, String> bundlePathByKiePath = sources.bundlePathByKiePath();
        KIE_BUILDS.incrementAndGet();
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            for (Message msg : errors) {
                RuleProblem problem = locate(msg, sources, definition, bundlePathByKiePath);
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
    private static RuleProblem locate(Message msg, Sources sources, ProtocolDefinition definition,
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
            for (Map.Entry<String, String> source : sources.textByKiePath().entrySet()) {
                String drl = bundlePathByKiePath.get(source.getKey());
                String[] lines = source.getValue().split("\\R", -1);
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
