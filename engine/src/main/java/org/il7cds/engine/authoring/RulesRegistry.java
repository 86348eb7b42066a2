package org.il7cds.engine.authoring;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSet;

/**
 * The live rules and their history. Activation compiles a bundle into a fresh knowledge base, lints it and
 * runs every scenario against it, and only then swaps it in atomically; on any failure the running version
 * stays. Requests read the current rule set once ({@link #get()}) and finish on it, so none ever sees a
 * half-loaded state. Only the active and the previous rule sets stay in memory (for rollback); older versions keep
 * their metadata only.
 */
public final class RulesRegistry implements Supplier<RuleSet> {

    private record Entry(RulesVersion version, RuleBundle bundle, RuleSet compiled) {
    }

    private final ActiveRules live;
    private final AtomicReference<Entry> current;
    private final List<Entry> history = new ArrayList<>();
    private final Clock clock;

    public RulesRegistry(RuleSet initial, String origin, Clock clock) {
        this(new ActiveRules(initial), origin, clock);
    }

    /** A registry over the holder the engines read ({@code live}); its current rule set is version 1. */
    public RulesRegistry(ActiveRules live, String origin, Clock clock) {
        this.live = live;
        this.clock = clock;
        RuleSet initial = live.get();
        Entry first = new Entry(new RulesVersion(1, initial.version(), initial.contentHash(), clock.instant(),
                "system", origin), initial.bundle(), initial);
        history.add(first);
        current = new AtomicReference<>(first);
    }

    @Override
    public RuleSet get() {
        return live.get();
    }

    public RulesVersion active() {
        return current.get().version();
    }

    public synchronized List<RulesVersion> versions() {
        return history.stream().map(Entry::version).toList();
    }

    /** Validates {@code bundle} and makes it live only if it is valid. */
    public synchronized ActivationResult activate(RuleBundle bundle, String activatedBy, String origin) {
        RulesValidator.Outcome outcome = RulesValidator.validate(bundle);
        if (!outcome.report().valid()) {
            return new ActivationResult(false, active(), outcome.report());
        }
        return new ActivationResult(true, swapIn(outcome.compiled(), activatedBy, origin).version(), outcome.report());
    }

    /** Makes the version that was active before the current one live again (validated again first). */
    public synchronized ActivationResult rollback(String activatedBy) {
        Optional<Entry> previous = previous();
        if (previous.isEmpty()) {
            throw new IllegalStateException("there is no previous version to roll back to");
        }
        Entry target = previous.get();
        RulesValidator.Outcome outcome = target.compiled() != null
                ? new RulesValidator.Outcome(RulesValidator.validate(target.compiled()), target.compiled())
                : RulesValidator.validate(target.bundle());
        if (!outcome.report().valid() || outcome.compiled() == null) {
            return new ActivationResult(false, active(), outcome.report());
        }
        Entry live = swapIn(outcome.compiled(), activatedBy, "rollback to #" + target.version().id());
        return new ActivationResult(true, live.version(), outcome.report());
    }

    private Optional<Entry> previous() {
        return history.size() < 2 ? Optional.empty() : Optional.of(history.get(history.size() - 2));
    }

    private Entry swapIn(RuleSet compiled, String activatedBy, String origin) {
        Entry next = new Entry(new RulesVersion(history.size() + 1, compiled.version(), compiled.contentHash(),
                clock.instant(), Objects.requireNonNullElse(activatedBy, "unknown"), origin), compiled.bundle(),
                compiled);
        history.add(next);
        live.activate(compiled);
        current.set(next);
        // Keep only the active and the previous versions' files and knowledge bases (for rollback); older entries
        // keep their metadata (id, version, content hash, who, when), so memory stays flat however many activations.
        for (int i = 0; i < history.size() - 2; i++) {
            Entry old = history.get(i);
            if (old.compiled() != null || old.bundle() != null) {
                history.set(i, new Entry(old.version(), null, null));
            }
        }
        return next;
    }
}
