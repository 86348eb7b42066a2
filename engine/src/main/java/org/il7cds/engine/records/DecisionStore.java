package org.il7cds.engine.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable, append-only storage of decision records (the service's is a relational database; see the api module).
 * Only the {@link DecisionRecorder}'s writer thread writes, so sequence numbers are assigned in one place; every
 * write is one transaction. Reads never wait for a write in progress.
 */
public interface DecisionStore {

    /** The last record of the chain (or a purge anchor): its sequence number and hash. */
    record Head(long seq, String hash) {
    }

    /** What to list: every criterion given is ANDed; null means any. Newest first. */
    record Query(Instant from, Instant to, String clientId, String protocolId, String verdict, Operation operation,
            int offset, int limit) {
    }

    /** The last record, empty when no record was ever written. */
    Optional<Head> head();

    /** Appends the records (consecutive, continuing the chain) in one transaction: all of them or none. */
    void append(List<DecisionRecord> records);

    /**
     * Checks, without writing, that the store can hold {@code record} (a database's column sizes); throws
     * {@link IllegalArgumentException} naming the field otherwise. A journal in front of the store
     * ({@link JournalledDecisionStore}) asks before it takes a record that the store would refuse later.
     */
    default void admit(DecisionRecord record) {
    }

    /**
     * In one transaction: deletes every record up to {@code throughSeq} and appends the purge record (which
     * names record {@code throughSeq} as its anchor). Returns how many records were deleted; when that is not
     * {@code expected} (records are missing), nothing is changed and it throws {@link IllegalStateException}.
     */
    long purge(long throughSeq, long expected, DecisionRecord purgeRecord);

    /**
     * The highest sequence number {@code s} such that every record up to {@code s} was made before {@code cutoff}
     * (0 when the first record is not that old): a purge deletes a prefix of the chain.
     */
    long purgeableThrough(Instant cutoff);

    Optional<DecisionRecord> bySeq(long seq);

    Optional<DecisionRecord> byDecisionId(String decisionId);

    /** The latest record of this calendar id (the same request on the same rules gives the same calendar). */
    Optional<DecisionRecord> latestCalendar(String calendarId);

    /** Records matching the query, newest first, {@code offset} and {@code limit} applied. */
    List<DecisionRecord> find(Query query);

    /** Up to {@code limit} records after {@code afterSeq}, in sequence order (for verification). */
    List<DecisionRecord> range(long afterSeq, int limit);
}
