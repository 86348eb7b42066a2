package org.il7cds.engine.authoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link RulesStore} in memory, for the engine's tests, the benchmarks and the command-line validator: nothing
 * survives the process. The service uses its database store (api module), tested against the same behaviour.
 */
public final class InMemoryRulesStore implements RulesStore {

    private final List<StoredVersion> versions = new ArrayList<>();
    private final List<SortedMap<String, String>> files = new ArrayList<>();
    private final List<Activation> activations = new ArrayList<>();
    private final List<Proposal> proposals = new ArrayList<>();

    @Override
    public synchronized Optional<Activation> current() {
        return activations.isEmpty() ? Optional.empty() : Optional.of(activations.get(activations.size() - 1));
    }

    @Override
    public synchronized List<Activation> activations() {
        return List.copyOf(activations);
    }

    @Override
    public synchronized Optional<Activation> activation(int id) {
        return id >= 1 && id <= activations.size() ? Optional.of(activations.get(id - 1)) : Optional.empty();
    }

    @Override
    public synchronized List<StoredVersion> versions() {
        return List.copyOf(versions);
    }

    @Override
    public synchronized Optional<StoredVersion> version(int id) {
        return id >= 1 && id <= versions.size() ? Optional.of(versions.get(id - 1)) : Optional.empty();
    }

    @Override
    public synchronized Optional<StoredVersion> versionByHash(String contentHash) {
        return versions.stream().filter(v -> v.contentHash().equals(contentHash)).findFirst();
    }

    @Override
    public synchronized Optional<StoredVersion> versionByLabel(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    @Override
    public synchronized SortedMap<String, String> files(int versionId) {
        return new TreeMap<>(files.get(versionId - 1));
    }

    @Override
    public synchronized Activation activate(PendingActivation a) {
        StoredVersion version = a.newVersion() != null ? store(a.newVersion()) : versions.get(a.versionId() - 1);
        Activation activation = new Activation(activations.size() + 1, version.id(), version.version(),
                version.contentHash(), version.origin(), a.kind(), a.actor(), a.reason(), a.at(), a.restoresTo(), null);
        activations.add(activation);
        return activation;
    }

    @Override
    public synchronized Proposal propose(Integer versionId, NewVersion newVersion, String proposedBy, String reason,
            Instant at, ValidationReport report, List<ImpactPreview.Report> impact) {
        StoredVersion version = newVersion != null ? store(newVersion) : versions.get(versionId - 1);
        Proposal proposal = new Proposal(proposals.size() + 1, version.id(), version.version(), version.contentHash(),
                proposedBy, at, reason, Proposal.Status.OPEN, null, null, null);
        proposals.add(proposal);
        return proposal;
    }

    @Override
    public synchronized List<Proposal> proposals() {
        return List.copyOf(proposals);
    }

    @Override
    public synchronized Optional<Proposal> proposal(int id) {
        return id >= 1 && id <= proposals.size() ? Optional.of(proposals.get(id - 1)) : Optional.empty();
    }

    @Override
    public synchronized Activation approve(int proposalId, String approver, String note, Instant at,
            Integer restoresTo, ValidationReport report) {
        Proposal p = close(proposalId, Proposal.Status.APPROVED, approver, note, at);
        StoredVersion version = versions.get(p.versionId() - 1);
        Activation activation = new Activation(activations.size() + 1, version.id(), version.version(),
                version.contentHash(), version.origin(), Activation.Kind.APPROVAL, approver, note, at, restoresTo,
                proposalId);
        activations.add(activation);
        return activation;
    }

    @Override
    public synchronized Proposal withdraw(int proposalId, String actor, String note, Instant at) {
        return close(proposalId, Proposal.Status.WITHDRAWN, actor, note, at);
    }

    private Proposal close(int id, Proposal.Status status, String actor, String note, Instant at) {
        Proposal p = proposals.get(id - 1);
        Proposal closed = new Proposal(p.id(), p.versionId(), p.version(), p.contentHash(), p.proposedBy(),
                p.proposedAt(), p.reason(), status, actor, at, note);
        proposals.set(id - 1, closed);
        return closed;
    }

    private StoredVersion store(NewVersion v) {
        String label = v.report().version();
        StoredVersion stored = new StoredVersion(versions.size() + 1, label, v.bundle().contentHash(), v.origin(),
                v.at(), v.storedBy());
        SortedMap<String, String> text = new TreeMap<>();
        v.bundle().files().forEach((path, bytes) -> text.put(path, new String(bytes, StandardCharsets.UTF_8)));
        versions.add(stored);
        files.add(text);
        return stored;
    }
}
