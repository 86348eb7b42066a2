package org.il7cds.engine.authoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.il7cds.engine.rules.RuleBundle;

/**
 * Durable storage of rules versions, activations and proposals (the service's is a relational database; see the
 * api module). Every write is one transaction: a version, its files and the activation that makes it live are
 * stored together or not at all, so a crash at any moment leaves the old or the new version active, never a mixture.
 * Reads never wait for a write in progress. Ids are assigned by the store, in order, from 1.
 */
public interface RulesStore {

    /** A version not stored yet: its files, label and origin, who stores it when, and the report it passed. */
    record NewVersion(RuleBundle bundle, String origin, String storedBy, Instant at, ValidationReport report) {
    }

    /**
     * An activation to append: of the stored version {@code versionId}, or of {@code newVersion} stored in the same
     * transaction (exactly one of the two is given), with the report of the validation it just passed.
     */
    record PendingActivation(Integer versionId, NewVersion newVersion, Activation.Kind kind, String actor,
            String reason, Instant at, Integer restoresTo, ValidationReport report) {
    }

    /** The latest activation (the active version), empty in a new database. */
    Optional<Activation> current();

    /** Every activation, oldest first. */
    List<Activation> activations();

    Optional<Activation> activation(int id);

    /** Every stored version, oldest first. */
    List<StoredVersion> versions();

    Optional<StoredVersion> version(int id);

    Optional<StoredVersion> versionByHash(String contentHash);

    Optional<StoredVersion> versionByLabel(String version);

    /** The files of a stored version, by path, exactly as stored. */
    SortedMap<String, String> files(int versionId);

    /** Stores the new version (if any) and appends the activation, in one transaction. */
    Activation activate(PendingActivation activation);

    /** Stores the new version (if any) and the open proposal, with its report and impact preview, in one transaction. */
    Proposal propose(Integer versionId, NewVersion newVersion, String proposedBy, String reason, Instant at,
            ValidationReport report, List<ImpactPreview.Report> impact);

    /** Every proposal, oldest first. */
    List<Proposal> proposals();

    Optional<Proposal> proposal(int id);

    /** Closes the open proposal as approved and appends its activation, in one transaction. */
    Activation approve(int proposalId, String approver, String note, Instant at, Integer restoresTo,
            ValidationReport report);

    /** Closes the open proposal as withdrawn. */
    Proposal withdraw(int proposalId, String actor, String note, Instant at);
}
