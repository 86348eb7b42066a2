package org.il7cds.engine.records;

/**
 * The outcome of verifying the decision chain.
 *
 * @param intact true when every record is unaltered, in place and linked to the one before
 * @param recordsChecked how many records were read
 * @param firstSeq the first remaining record (after purges), null for an empty chain
 * @param headSeq the last record, null for an empty chain
 * @param headHash the last record's hash: note it, to tell later that the chain still reaches it
 * @param firstBreak the first broken link, or null
 */
public record ChainVerification(boolean intact, long recordsChecked, Long firstSeq, Long headSeq, String headHash,
        Break firstBreak) {

    /** How a link is broken. */
    public enum Kind {
        /** The record's fields do not hash to its recorded hash: it was changed. */
        ALTERED,
        /** Sequence numbers jump: records were deleted. */
        MISSING,
        /** The record does not name the hash of the record before it: a record was inserted or replaced. */
        RELINKED,
        /** The first remaining records are gone and no purge record accounts for them. */
        UNANCHORED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The first broken link: the sequence number where the chain breaks, how, and in words. */
    public record Break(long seq, Kind kind, String detail) {
    }
}
