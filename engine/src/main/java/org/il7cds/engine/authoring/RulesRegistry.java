package org.il7cds.engine.authoring;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.il7cds.engine.authoring.RulesGovernanceException.Reason;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.il7cds.engine.rules.RulesLoadException;
import org.il7cds.engine.scenarios.EligibilityScenario;
import org.il7cds.engine.scenarios.EligibilityScenarios;

/**
 * The live rules and their governance, over durable storage ({@link RulesStore}). An activation validates a bundle
 * (compile, lint, every scenario), stores it with its files, report, author and reason, and only then swaps it in;
 * on any failure the running version stays. At start-up the active version is restored from storage and its hash
 * checked again; the packaged or directory bundle goes live on its own only into an empty store, and only if valid.
 *
 * <p>Requests read the current rule set once ({@link #get()}) and finish on it. Writes are serialised; reads
 * (versions, activations, proposals) go to the store and never wait for a validation in progress.
 */
public final class RulesRegistry implements Supplier<RuleSet> {

    /** Who must agree before a version goes live. */
    public enum Approval {
        /** One informatician's activation makes it live. */
        SINGLE,
        /** An activation is a proposal; a second informatician's approval makes it live. */
        TWO_PERSON
    }

    /** The bundle the service was started with (packaged or {@code --rules.dir}), compared with the active one. */
    public record Configured(String origin, String version, String contentHash, boolean active) {
    }

    /** Compiled versions other than the live one kept for replay and re-activation. */
    private static final int CACHED_VERSIONS = 2;

    private final RulesStore store;
    private final ActiveRules live;
    private final Clock clock;
    private final Approval approval;
    private final Configured configured;
    private final Object writes = new Object();
    private final Map<String, RuleSet> compiledByHash = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RuleSet> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };
    private volatile Activation current;

    private RulesRegistry(RulesStore store, ActiveRules live, Activation current, Clock clock, Approval approval,
            Configured configured) {
        this.store = store;
        this.live = live;
        this.current = current;
        this.clock = clock;
        this.approval = approval;
        this.configured = configured;
    }

    /**
     * Opens the registry at start-up. With an empty store, {@code configured} becomes version 1 only if it passes
     * validation (otherwise {@link RulesStartupException} names the failures). Otherwise the stored active version
     * answers (its files' hash checked again) and {@code configured} is only compared with it.
     *
     * @param compiledConfigured {@code configured} already compiled (or compiling), used when it is the one to load
     * @param origin {@code packaged} or {@code directory}
     */
    public static RulesRegistry open(RulesStore store, RuleBundle configured, String origin,
            Supplier<RuleSet> compiledConfigured, Clock clock, Approval approval) {
        Optional<Activation> stored = store.current();
        if (stored.isEmpty()) {
            RuleSet compiled;
            try {
                compiled = compiledConfigured.get();
            } catch (RulesLoadException e) {
                throw new RulesStartupException("The " + origin + " rules bundle does not compile, and nothing is"
                        + " stored yet: the service does not start on rules that fail validation.\n"
                        + new ValidationReport(null, configured.contentHash(), e.problems(), List.of()).describe());
            }
            ValidationReport report = RulesValidator.validate(compiled);
            if (!report.valid()) {
                throw new RulesStartupException("The " + origin + " rules bundle (" + compiled.version() + ", "
                        + compiled.contentHash() + ") is not valid, and nothing is stored yet: the service does not"
                        + " start on rules that fail validation. Fix them and start again.\n" + report.describe());
            }
            requireText(configured);
            Instant now = now(clock);
            Activation first = store.activate(new RulesStore.PendingActivation(null,
                    new RulesStore.NewVersion(configured, origin, "system", now, report), Activation.Kind.ACTIVATION,
                    "system", "first start: the " + origin + " rules, validated (" + report.scenarios().size()
                            + " scenarios passed)", now, null, report));
            return new RulesRegistry(store, new ActiveRules(compiled), first, clock, approval,
                    new Configured(origin, compiled.version(), compiled.contentHash(), true));
        }
        Activation active = stored.get();
        RuleSet compiled = configured.contentHash().equals(active.contentHash())
                ? compiledConfigured.get() : compileStored(store, active.versionId(), active.contentHash());
        boolean same = configured.contentHash().equals(active.contentHash());
        String configuredVersion = same ? compiled.version() : declaredVersion(configured);
        return new RulesRegistry(store, new ActiveRules(compiled), active, clock, approval,
                new Configured(origin, configuredVersion, configured.contentHash(), same));
    }

    @Override
    public RuleSet get() {
        return live.get();
    }

    /** What the engines read: the same holder the registry swaps. */
    public ActiveRules live() {
        return live;
    }

    public Activation active() {
        return current;
    }

    public Approval approval() {
        return approval;
    }

    /** The start-up bundle and whether it is the active one (if not, it goes live only by an explicit activation). */
    public Configured configured() {
        return configured;
    }

    public List<StoredVersion> versions() {
        return store.versions();
    }

    public List<Activation> activations() {
        return store.activations();
    }

    public List<Proposal> proposals() {
        return store.proposals();
    }

    public Optional<StoredVersion> version(int id) {
        return store.version(id);
    }

    public SortedMap<String, String> files(int versionId) {
        return store.files(versionId);
    }

    /**
     * Validates {@code bundle} and, if valid, stores it and makes it live (single approval) or stores it as a
     * proposal (two-person approval). A label stored with other content is refused ({@link Reason#LABEL_TAKEN}).
     */
    public ActivationResult activate(RuleBundle bundle, String actor, String origin, String reason) {
        requireReason(reason);
        // Validated first: the report says everything wrong with the content; a taken label is checked after it.
        RulesValidator.Outcome outcome = RulesValidator.validate(bundle);
        if (!outcome.report().valid()) {
            return new ActivationResult(false, current, outcome.report(), null);
        }
        RuleSet compiled = outcome.compiled();
        synchronized (writes) {
            Optional<StoredVersion> same = existing(compiled.version(), compiled.contentHash());
            RulesStore.NewVersion newVersion = null;
            if (same.isEmpty()) {
                requireText(bundle);
                newVersion = new RulesStore.NewVersion(bundle, origin, actor, now(), outcome.report());
            }
            Integer versionId = same.map(StoredVersion::id).orElse(null);
            return goLive(versionId, newVersion, compiled, outcome.report(), actor, reason, Activation.Kind.ACTIVATION);
        }
    }

    /** Makes a stored version live again by its id, validated again first (a proposal under two-person approval). */
    public ActivationResult activateStored(int versionId, String actor, String reason) {
        requireReason(reason);
        StoredVersion version = store.version(versionId).orElseThrow(() -> unknownVersion(versionId));
        RuleSet compiled = compiled(version);
        ValidationReport report = RulesValidator.validate(compiled);
        if (!report.valid()) {
            return new ActivationResult(false, current, report, null);
        }
        synchronized (writes) {
            return goLive(versionId, null, compiled, report, actor, reason, Activation.Kind.ACTIVATION);
        }
    }

    /**
     * Returns to the activation before the current one (validated again first). Each rollback walks one step
     * further back along the history: twice is two versions back, never forward again.
     */
    public ActivationResult rollback(String actor, String reason) {
        requireReason(reason);
        synchronized (writes) {
            Activation from = current;
            if (from.restoresTo() == null) {
                throw new RulesGovernanceException(Reason.NO_PREVIOUS_VERSION, "Activation #" + from.id()
                        + " (version " + from.version() + ") has no earlier activation to roll back to.");
            }
            Activation target = store.activation(from.restoresTo()).orElseThrow();
            RuleSet compiled = compiled(store.version(target.versionId()).orElseThrow());
            ValidationReport report = RulesValidator.validate(compiled);
            if (!report.valid()) {
                return new ActivationResult(false, from, report, null);
            }
            Activation rolled = store.activate(new RulesStore.PendingActivation(target.versionId(), null,
                    Activation.Kind.ROLLBACK, actor, reason, now(), target.restoresTo(), report));
            swap(rolled, compiled);
            return new ActivationResult(true, rolled, report, null);
        }
    }

    /** A second informatician approves an open proposal, which makes it live (validated again first). */
    public ActivationResult approve(int proposalId, String approver, String note) {
        requireReason(note);
        synchronized (writes) {
            Proposal proposal = openProposal(proposalId);
            if (proposal.proposedBy().equals(approver)) {
                throw new RulesGovernanceException(Reason.SELF_APPROVAL, "Proposal #" + proposalId + " was made by "
                        + approver + "; a second informatician must approve it.");
            }
            RuleSet compiled = compiled(store.version(proposal.versionId()).orElseThrow());
            ValidationReport report = RulesValidator.validate(compiled);
            if (!report.valid()) {
                return new ActivationResult(false, current, report, proposal);
            }
            Activation approved = store.approve(proposalId, approver, note, now(), current.id(), report);
            swap(approved, compiled);
            return new ActivationResult(true, approved, report, store.proposal(proposalId).orElseThrow());
        }
    }

    /** Withdraws an open proposal; nothing goes live. */
    public Proposal withdraw(int proposalId, String actor, String note) {
        requireReason(note);
        synchronized (writes) {
            openProposal(proposalId);
            return store.withdraw(proposalId, actor, note, now());
        }
    }

    /**
     * The compiled rules of a stored version named by its content hash (the live one, a cached one, or compiled
     * from its stored files, whose hash is checked again), for replaying a decision on the rules that made it.
     */
    public Optional<RuleSet> compiledByHash(String contentHash) {
        RuleSet now = live.get();
        if (now.contentHash().equals(contentHash)) {
            return Optional.of(now);
        }
        return store.versionByHash(contentHash).map(this::compiled);
    }

    private ActivationResult goLive(Integer versionId, RulesStore.NewVersion newVersion, RuleSet compiled,
            ValidationReport report, String actor, String reason, Activation.Kind kind) {
        if (approval == Approval.TWO_PERSON) {
            Proposal proposal = store.propose(versionId, newVersion, actor, reason, now(), report, impact(compiled));
            return new ActivationResult(false, current, report, proposal);
        }
        Activation activation = store.activate(new RulesStore.PendingActivation(versionId, newVersion, kind, actor,
                reason, now(), current.id(), report));
        swap(activation, compiled);
        return new ActivationResult(true, activation, report, null);
    }

    private void swap(Activation activation, RuleSet compiled) {
        RuleSet before = live.activate(compiled);
        current = activation;
        synchronized (compiledByHash) {
            compiledByHash.remove(compiled.contentHash());
            compiledByHash.put(before.contentHash(), before);
        }
    }

    /** The stored version with this content, if any; a stored version with this label and other content is refused. */
    private Optional<StoredVersion> existing(String label, String contentHash) {
        Optional<StoredVersion> byHash = store.versionByHash(contentHash);
        if (byHash.isPresent() || label == null) {
            return byHash;
        }
        Optional<StoredVersion> byLabel = store.versionByLabel(label);
        if (byLabel.isPresent()) {
            StoredVersion taken = byLabel.get();
            throw new RulesGovernanceException(Reason.LABEL_TAKEN, "The version label " + label
                    + " is already stored as version #" + taken.id() + " with other content (" + taken.contentHash()
                    + ", stored " + taken.storedAt() + " by " + taken.storedBy() + "). Give the amended rules a new"
                    + " version in bundle.yaml.");
        }
        return Optional.empty();
    }

    private RuleSet compiled(StoredVersion version) {
        RuleSet now = live.get();
        if (now.contentHash().equals(version.contentHash())) {
            return now;
        }
        synchronized (compiledByHash) {
            RuleSet cached = compiledByHash.get(version.contentHash());
            if (cached != null) {
                return cached;
            }
        }
        RuleSet compiled = compileStored(store, version.id(), version.contentHash());
        synchronized (compiledByHash) {
            compiledByHash.put(version.contentHash(), compiled);
        }
        return compiled;
    }

    private static RuleSet compileStored(RulesStore store, int versionId, String expectedHash) {
        RuleBundle bundle = RuleBundle.of(store.files(versionId), "stored version #" + versionId);
        if (!bundle.contentHash().equals(expectedHash)) {
            throw new RulesStartupException("The stored files of rules version #" + versionId + " hash to "
                    + bundle.contentHash() + ", not to the recorded " + expectedHash + ": the storage was altered."
                    + " Restore it from a backup; the service does not answer with rules it cannot vouch for.");
        }
        return RuleSetCompiler.compile(bundle);
    }

    private List<ImpactPreview.Report> impact(RuleSet candidate) {
        RuleSet active = live.get();
        LocalDate today = LocalDate.now(clock);
        List<ImpactPreview.Report> reports = new ArrayList<>();
        List<EligibilityScenario> scenarios = EligibilityScenarios.read(candidate.bundle(), new ArrayList<RuleProblem>());
        for (String protocol : candidate.protocolIds()) {
            if (active.protocol(protocol).isEmpty()) {
                continue;
            }
            reports.add(ImpactPreview.compare(active, candidate, protocol, scenarios.stream()
                    .filter(s -> s.protocolId().equals(protocol) && !s.expectsRefusal())
                    .map(EligibilityScenario::candidate).toList(), today, clock));
        }
        return reports;
    }

    private Proposal openProposal(int proposalId) {
        Proposal proposal = store.proposal(proposalId).orElseThrow(() -> new RulesGovernanceException(
                Reason.UNKNOWN_PROPOSAL, "There is no proposal #" + proposalId + "."));
        if (proposal.status() != Proposal.Status.OPEN) {
            throw new RulesGovernanceException(Reason.PROPOSAL_CLOSED, "Proposal #" + proposalId + " is already "
                    + proposal.status().wire() + " (by " + proposal.decidedBy() + ").");
        }
        return proposal;
    }

    private static RulesGovernanceException unknownVersion(int id) {
        return new RulesGovernanceException(Reason.UNKNOWN_VERSION, "There is no stored rules version #" + id + ".");
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RulesGovernanceException(Reason.REASON_MISSING,
                    "Say why in 'reason': it is stored with the change, for the audit trail.");
        }
    }

    /** Files are stored as text; a file that is not UTF-8 would not hash the same once stored, so it is refused. */
    private static void requireText(RuleBundle bundle) {
        Map<String, String> text = new LinkedHashMap<>();
        bundle.files().forEach((path, bytes) -> text.put(path, new String(bytes, StandardCharsets.UTF_8)));
        if (!RuleBundle.of(text, bundle.origin()).contentHash().equals(bundle.contentHash())) {
            throw new RulesGovernanceException(Reason.NOT_TEXT, "A rules file is not UTF-8 text; save every file"
                    + " of the bundle as UTF-8.");
        }
    }

    private static String declaredVersion(RuleBundle bundle) {
        try {
            return RuleSetCompiler.declaredVersion(bundle);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Instant now() {
        return now(clock);
    }

    /** Microseconds: what every database keeps of a timestamp, so a stored time reads back equal. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
