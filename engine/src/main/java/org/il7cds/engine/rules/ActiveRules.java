package org.il7cds.engine.rules;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Holds the rule set that answers requests. A request reads it once and keeps that version to the end, so a
 * swap never shows it a half-loaded state; a new set is compiled completely before it is swapped in.
 */
public final class ActiveRules implements Supplier<RuleSet> {

    private final AtomicReference<RuleSet> current;

    public ActiveRules(RuleSet initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    /** Compiles the packaged rules; fails loudly (with every file and line) when they do not compile. */
    public static ActiveRules fromClasspath() {
        return new ActiveRules(RuleSetCompiler.compile(RuleBundle.fromClasspath()));
    }

    @Override
    public RuleSet get() {
        return current.get();
    }

    /** Swaps in an already compiled rule set and returns the one it replaces. */
    public RuleSet activate(RuleSet next) {
        return current.getAndSet(Objects.requireNonNull(next));
    }
}
