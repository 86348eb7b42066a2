package org.il7cds.engine.authoring;

import java.time.Instant;

/**
 * Under two-person approval, an activation waiting for a second informatician: the stored version it would make
 * live, who proposed it and why (its validation report and impact preview are stored with it), and, once decided,
 * who approved or withdrew it.
 */
public record Proposal(int id, int versionId, String version, String contentHash, String proposedBy,
        Instant proposedAt, String reason, Status status, String decidedBy, Instant decidedAt, String decisionNote) {

    /** Where a proposal stands. */
    public enum Status {
        OPEN, APPROVED, WITHDRAWN;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
