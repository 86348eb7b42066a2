package org.il7cds.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSandbox;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rules sandbox on the packaged bundle (every DRL file parsed with Drools' parser, every condition and action
 * checked), the price each compile pays before Drools starts: warm, and the first check in a fresh JVM.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SandboxBenchmark {

    private RuleBundle packaged;

    @Setup
    public void setUp() {
        packaged = RuleBundle.fromClasspath();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public List<RuleProblem> checkWarm() {
        return check();
    }

    /** Parsers, allowlist and JIT cold: one check per fresh JVM. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(10)
    public List<RuleProblem> checkCold() {
        return check();
    }

    private List<RuleProblem> check() {
        List<RuleProblem> problems = RuleSandbox.check(packaged);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the packaged rules are refused: " + problems);
        }
        return problems;
    }
}
