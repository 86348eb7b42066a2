package org.il7cds.engine.authoring;

import java.time.Instant;

/**
 * One entry of the activation history: which stored version went live, how ({@link Kind}), by whom, when and why.
 * The active version is the latest activation's. {@code restoresTo} is the activation a rollback from this one
 * returns to (the one live before it; null for the first), so that rollbacks walk back and never forward.
 *
 * @param version the stored version's label and {@code contentHash} its hash, repeated for the reader
 * @param proposalId the two-person proposal it approved, or null
 */
public record Activation(int id, int versionId, String version, String contentHash, String origin, Kind kind,
        String actor, String reason, Instant at, Integer restoresTo, Integer proposalId) {

    /** How a version went live. */
    public enum Kind {
        /** An informatician's activation, or the first start. */
        ACTIVATION,
        /** A rollback to the activation before the current one. */
        ROLLBACK,
        /** A second informatician's approval of a proposal (two-person approval). */
        APPROVAL;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
