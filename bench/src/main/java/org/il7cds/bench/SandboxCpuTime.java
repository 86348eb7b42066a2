package org.il7cds.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSandbox;
import org.il7cds.engine.rules.RuleSetCompiler;

/**
 * CPU time (not wall time, which a shared machine inflates) of the rules sandbox on the packaged bundle, first call
 * and warm median, against a full compile of the same bundle (which runs the sandbox first) on the same thread.
 * Usage: {@code java -cp bench/target/benchmarks.jar org.il7cds.bench.SandboxCpuTime [warm checks]}.
 */
public final class SandboxCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SandboxCpuTime() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        RuleBundle packaged = RuleBundle.fromClasspath();
        double first = cpuMillis(() -> RuleSandbox.check(packaged));
        for (int i = 0; i < n; i++) {
            RuleSandbox.check(packaged);
        }
        double[] warm = new double[n];
        for (int i = 0; i < n; i++) {
            warm[i] = cpuMillis(() -> RuleSandbox.check(packaged));
        }
        double[] compile = new double[7];
        for (int i = 0; i < compile.length; i++) {
            compile[i] = cpuMillis(() -> RuleSetCompiler.compile(RuleBundle.fromClasspath()));
        }
        System.out.printf("sandbox check of the packaged rules: first %.0f ms CPU, warm median %.1f ms CPU (%d checks);"
                + " compile warm median %.0f ms CPU on the calling thread (%d compiles)%n", first, median(warm), n,
                median(Arrays.copyOfRange(compile, 2, compile.length)), compile.length - 2);
    }

    private static double cpuMillis(Supplier<?> work) {
        long start = THREADS.getCurrentThreadCpuTime();
        if (work.get() == null) {
            throw new IllegalStateException();
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
