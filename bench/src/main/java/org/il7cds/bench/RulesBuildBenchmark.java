package org.il7cds.bench;

import java.util.concurrent.TimeUnit;
import org.il7cds.engine.authoring.ActivationResult;
import org.il7cds.engine.authoring.InMemoryRulesStore;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the packaged rules: {@code RuleSetCompiler.compile(RuleBundle.fromClasspath())} warm (after warm-up
 * builds in the same JVM) and cold (the first build in a fresh JVM: one measured build per fork, no warm-up),
 * and a full activation through {@link RulesRegistry#activate} (compile + lint + every scenario file).
 * SingleShotTime: each measured iteration is one build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RulesBuildBenchmark {

    private RulesRegistry registry;
    private RuleBundle[] bundles;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        RuleBundle packaged = RuleBundle.fromClasspath();
        bundles = new RuleBundle[] {packaged, HeapBundles.variant(packaged)};
        registry = RulesRegistry.open(new InMemoryRulesStore(), packaged, "packaged",
                () -> RuleSetCompiler.compile(packaged), BenchFixtures.CLOCK, RulesRegistry.Approval.SINGLE);
    }

    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    @Fork(1)
    public RuleSet compileWarm() {
        return RuleSetCompiler.compile(RuleBundle.fromClasspath());
    }

    /** The first build in a fresh JVM (class loading, JIT, the executable-model code generator cold). */
    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(10)
    public RuleSet compileCold() {
        return RuleSetCompiler.compile(RuleBundle.fromClasspath());
    }

    /** Compile, lint and run every scenario, then swap in; alternates two bundles (each a fresh compile). */
    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    @Fork(1)
    public ActivationResult activateWarm() {
        ActivationResult result = registry.activate(bundles[next++ & 1], "benchmark", "upload", "benchmark");
        if (!result.activated()) {
            throw new IllegalStateException("activation refused:\n" + result.report().describe());
        }
        return result;
    }
}
