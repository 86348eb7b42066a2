package org.il7cds.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knowledge modules compiled at build time from the packaged rules, so that the service starts without compiling
 * them again (the executable-model compile takes seconds on two cores). A module is used only for a bundle whose
 * files are byte for byte the packaged rules it was compiled from (same content hash, then every file compared);
 * any other bundle (an edited rules directory, an upload) is compiled from its files as before. Loading problems,
 * class-version errors included, fall back to compiling.
 *
 * <p>Build step (api/pom.xml): {@code PrecompiledRules <classes directory>} compiles the packaged rules
 * ({@link RuleBundle#fromClasspath()}).
 */
public final class PrecompiledRules {

    /** Classpath folder of the modules: {@code il7cds-precompiled/<content hash hex>/<protocol id>.kjar}. */
    public static final String CLASSPATH_ROOT = "il7cds-precompiled/";
    private static final Logger LOG = LoggerFactory.getLogger(PrecompiledRules.class);
    /** Loading adds the module to Drools' shared repository for a moment, under one release id per module. */
    private static final Object REPOSITORY = new Object();

    private PrecompiledRules() {
    }

    static String resource(String contentHash, String protocolId) {
        return CLASSPATH_ROOT + contentHash.substring(contentHash.indexOf(':') + 1) + "/" + protocolId + ".kjar";
    }

    /** The protocol compiled at build time from exactly this bundle, or null. */
    static CompiledProtocol load(RuleBundle bundle, ProtocolDefinition definition, boolean reusable,
            boolean criteriaResident, boolean dosing) {
        return load(bundle, definition, reusable, criteriaResident, dosing, PrecompiledRules.class.getClassLoader());
    }

    static CompiledProtocol load(RuleBundle bundle, ProtocolDefinition definition, boolean reusable,
            boolean criteriaResident, boolean dosing, ClassLoader modules) {
        byte[] kjar;
        try (InputStream in = modules.getResourceAsStream(resource(bundle.contentHash(), definition.id()))) {
            if (in == null) {
                return null;
            }
            kjar = in.readAllBytes();
        } catch (IOException e) {
            LOG.warn("precompiled rules for protocol {} unreadable ({}); compiling them", definition.id(), e.toString());
            return null;
        }
        if (!isPackaged(bundle)) {
            return null;
        }
        KieServices ks = KieServices.Factory.get();
        synchronized (REPOSITORY) {
            ReleaseId releaseId = null;
            try {
                KieModule module = ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(kjar));
                releaseId = module.getReleaseId();
                KieContainer container = ks.newKieContainer(releaseId);
                return RuleSetCompiler.compiled(definition, container, reusable, criteriaResident, dosing);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("precompiled rules for protocol {} could not be loaded ({}); compiling them", definition.id(),
                        e.toString());
                return null;
            } finally {
                if (releaseId != null) {
                    ks.getRepository().removeKieModule(releaseId);
                }
            }
        }
    }

    /** Whether a bundle's files are exactly the packaged rules' files (the hash alone could be forged by content). */
    private static boolean isPackaged(RuleBundle bundle) {
        RuleBundle packaged;
        try {
            packaged = RuleBundle.fromClasspath();
        } catch (RuntimeException e) {
            return false;
        }
        if (!packaged.contentHash().equals(bundle.contentHash())
                || !packaged.files().keySet().equals(bundle.files().keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> f : packaged.files().entrySet()) {
            if (!Arrays.equals(f.getValue(), bundle.files().get(f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Compiles the packaged rules into modules under the classes directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PrecompiledRules <classes directory>");
            System.exit(2);
        }
        RuleBundle bundle = RuleBundle.fromClasspath();
        String hex = bundle.contentHash().substring(bundle.contentHash().indexOf(':') + 1);
        // Only this build's modules are packaged, compiled from the files: earlier modules (a build without `clean`)
        // are removed first, so that neither the check below nor the jar uses them.
        Path root = Path.of(args[0]).resolve(CLASSPATH_ROOT);
        if (Files.isDirectory(root)) {
            try (Stream<Path> old = Files.walk(root)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Map<String, byte[]> modules = RuleSetCompiler.compileToModules(bundle, "precompiled-" + hex.substring(0, 16));
        for (Map.Entry<String, byte[]> m : modules.entrySet()) {
            Path out = Path.of(args[0]).resolve(resource(bundle.contentHash(), m.getKey()));
            Files.createDirectories(out.getParent());
            Files.write(out, m.getValue());
            System.out.println("precompiled " + m.getKey() + " (" + bundle.contentHash() + "): " + out.getFileName()
                    + ", " + m.getValue().length + " bytes");
        }
    }
}
