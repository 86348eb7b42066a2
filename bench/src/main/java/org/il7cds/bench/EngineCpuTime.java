package org.il7cds.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.RuleSet;

/**
 * CPU time per assessment on the calling thread (not wall time, which a machine shared with other builds inflates):
 * the engine and the hand-written check over the same pool as {@link EligibilityBenchmark}, warm, and the engine after
 * reading 8 MiB of other memory before each assessment (minus that reading alone), as
 * {@link EligibilityBenchmark#engineAfterOtherWork} does. Medians over rounds of {@value #ROUND} calls.
 * Usage: {@code java -cp bench/target/benchmarks.jar org.il7cds.bench.EngineCpuTime [rounds, default 200]}.
 */
public final class EngineCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUND = 256;
    private static final long[] OTHER = new long[1 << 20];
    private static long sink;

    private EngineCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        RuleSet rules = BenchFixtures.packagedRules();
        EligibilityEngine engine = BenchFixtures.engine(rules);
        HandWrittenLevy2009Check check = HandWrittenLevy2009Check.of(rules);
        List<CandidateGenerator.Case> pool = BenchFixtures.pool();
        Runnable[] work = {
            () -> each(pool, c -> engine.assess(c.candidate(), c.asOf()), false),
            () -> each(pool, c -> check.check(c.candidate(), c.asOf()), false),
            () -> each(pool, c -> engine.assess(c.candidate(), c.asOf()), true),
            () -> each(pool, c -> null, true),
        };
        String[] names = {"engine", "handWritten", "engineAfterOtherWork (gross)", "otherWorkOnly"};
        for (int warm = 0; warm < rounds / 2; warm++) {
            for (Runnable w : work) {
                w.run();
            }
        }
        double[][] micros = new double[work.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < work.length; w++) {
                long start = THREADS.getCurrentThreadCpuTime();
                work[w].run();
                micros[w][r] = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / ROUND;
            }
        }
        double[] median = new double[work.length];
        for (int w = 0; w < work.length; w++) {
            median[w] = median(micros[w]);
            System.out.printf("%-30s median %8.2f µs CPU per call (p10 %.2f, p90 %.2f)%n", names[w], median[w],
                    percentile(micros[w], 0.1), percentile(micros[w], 0.9));
        }
        System.out.printf("engine / handWritten: %.1f x; engine after other work (net): %.2f µs = %.2f x warm%n",
                median[0] / median[1], median[2] - median[3], (median[2] - median[3]) / median[0]);
        System.out.println(sink == 42 ? "" : "rounds: " + rounds + " x " + ROUND + " calls");
    }

    private interface Call {
        Object on(CandidateGenerator.Case c);
    }

    private static void each(List<CandidateGenerator.Case> pool, Call call, boolean otherWork) {
        for (int i = 0; i < ROUND; i++) {
            if (otherWork) {
                long sum = 0;
                for (int j = 0; j < OTHER.length; j += 8) {
                    sum += OTHER[j]++;
                }
                sink += sum;
            }
            Object answer = call.on(pool.get(i & (BenchFixtures.POOL_SIZE - 1)));
            sink += answer == null ? 0 : 1;
        }
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
