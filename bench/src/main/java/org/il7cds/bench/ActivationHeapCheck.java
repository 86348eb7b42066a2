package org.il7cds.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.il7cds.engine.authoring.ActivationResult;
import org.il7cds.engine.authoring.InMemoryRulesStore;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSetCompiler;

/**
 * Does repeated activation leak? Heap used (after several System.gc() calls, via {@link MemoryMXBean}) after
 * 1 activation and after 100 activations through {@link RulesRegistry#activate}, alternating two bundles so
 * each activation is a fresh compile. Target: the figure after 100 within 10% of the figure after 1 (the
 * registry keeps only the active and the previous knowledge bases compiled).
 *
 * <p>Run: {@code java -XX:SoftRefLRUPolicyMSPerMB=0 -cp bench/target/benchmarks.jar
 * org.il7cds.bench.ActivationHeapCheck [activations]}. Exits 1 when the target is missed.
 *
 * <p>Softly reachable memory: each build's in-memory Java compilation asks the JDK's built-in class loaders
 * for resources named after that build's generated lambda classes ({@code il7cds/levy2009/P65/LambdaPredicate
 * 65A3....class}); the loaders remember every miss in {@code BuiltinClassLoader.resourceCache}, a map held by a
 * {@link java.lang.ref.SoftReference} (about 35 KB per activation here). System.gc() does not clear soft
 * references that were used recently, so with default flags that cache shows as growth; the GC drops it
 * before any OutOfMemoryError. {@code -XX:SoftRefLRUPolicyMSPerMB=0} makes each GC clear it, so the figures
 * then count strongly reachable memory only: what a leak would hold. Both runs are reported in RESULTS.md.
 *
 * <p>Diagnostics: {@code -Dheapcheck.histogram=DIR} writes class histograms after 1, 25, 50, 75 and all
 * activations; {@code -Dheapcheck.dump=FILE.hprof} dumps the live heap at the end.
 */
public final class ActivationHeapCheck {

    private ActivationHeapCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        RuleBundle packaged = RuleBundle.fromClasspath();
        RuleBundle[] bundles = {packaged, HeapBundles.variant(packaged)};
        RulesRegistry registry = RulesRegistry.open(new InMemoryRulesStore(), packaged, "packaged",
                () -> RuleSetCompiler.compile(packaged), BenchFixtures.CLOCK, RulesRegistry.Approval.SINGLE);

        long start = System.nanoTime();
        activate(registry, bundles[1]);
        long afterOne = usedAfterGc(memory);
        histogram(1);
        System.out.printf("after 1 activation:    %,d bytes heap used (%.1f MiB)%n", afterOne, afterOne / 1048576.0);
        for (int i = 2; i <= total; i++) {
            activate(registry, bundles[i & 1]);
            if (i % 25 == 0 && i < total) {
                long used = usedAfterGc(memory);
                System.out.printf("  after %d activations: %,d bytes (%.1f MiB), %.1f s%n", i, used, used / 1048576.0,
                        (System.nanoTime() - start) / 1e9);
                histogram(i);
            }
        }
        long afterAll = usedAfterGc(memory);
        histogram(total);
        String dump = System.getProperty("heapcheck.dump");
        if (dump != null) { // -Dheapcheck.dump=FILE.hprof: the live heap after the last activation
            try {
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).dumpHeap(dump, true);
            } catch (java.io.IOException e) {
                System.out.println("no heap dump: " + e);
            }
        }
        double ratio = (double) afterAll / afterOne;
        System.out.printf("after %d activations: %,d bytes heap used (%.1f MiB)%n", total, afterAll,
                afterAll / 1048576.0);
        System.out.printf("ratio: %.3f (target <= 1.10); registry versions: %d; %.1f s%n", ratio,
                registry.activations().size(), (System.nanoTime() - start) / 1e9);
        boolean softCleared = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.equals("-XX:SoftRefLRUPolicyMSPerMB=0"));
        System.out.println(softCleared ? "soft references cleared at every GC: strongly reachable memory only"
                : "includes softly reachable caches (run with -XX:SoftRefLRUPolicyMSPerMB=0 to exclude them)");
        if (ratio > 1.10) {
            System.out.println("TARGET MISSED: heap grows with activations");
            System.exit(1);
        }
    }

    private static void activate(RulesRegistry registry, RuleBundle bundle) {
        ActivationResult result = registry.activate(bundle, "heap-check", "upload", "heap-check");
        if (!result.activated()) {
            throw new IllegalStateException("activation refused:\n" + result.report().describe());
        }
    }

    /** With -Dheapcheck.histogram=DIR, writes a class histogram of the live heap (jcmd GC.class_histogram). */
    private static void histogram(int activations) {
        String dir = System.getProperty("heapcheck.histogram");
        if (dir == null) {
            return;
        }
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "histogram-" + activations + ".txt"),
                    String.valueOf(text));
        } catch (Exception e) {
            System.out.println("no histogram: " + e);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
