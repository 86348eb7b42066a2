package org.il7cds.engine.records;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decision store whose appends are durable once they are in a {@link RecordJournal} (an append-only file), and
 * which a background indexer then copies into the database ({@code index}) in large transactions. Why: with the
 * embedded H2 default, a commit costs about as much for one record as for sixteen (MVStore rewrites every changed
 * page into a new chunk), and the answers of single assessments committed only four to six records at a time;
 * appending to a file costs a few microseconds, and the indexer's commits of hundreds of records cost H2 a fraction
 * per record (bench/RESULTS.md, sixth session).
 *
 * <p>Reads see every record appended: each read first waits until the indexer has caught up with the appends made
 * before it (at most {@code readWait}, then {@link DecisionRecordsNotReadableException}). A purge waits the same
 * way, then deletes and appends in the database directly, in one transaction.
 *
 * <p>Start-up ({@link #JournalledDecisionStore}): records in the journal that the database does not hold (the
 * process stopped before the indexer copied them) are appended to it first, in order, after checking that they
 * continue the database's chain (sequence and previous hash); a journal that does not continue it refuses the
 * start, naming both ends. Then the journal is emptied. A failed index transaction is retried (the records stay in
 * the journal); once the appends not yet indexed exceed {@code maxBacklog}, new appends are refused.
 *
 * <p>Appends come from one caller at a time (the {@link DecisionRecorder}, which assigns sequence numbers).
 */
public final class JournalledDecisionStore implements DecisionStore, AutoCloseable {

    /**
     * How long the indexer waits for more records before a commit when nobody is reading: H2 spends about 150 µs of
     * CPU per record in commits of one, 40 in commits of hundreds (bench/RESULTS.md, fourth session).
     */
    public static final Duration DEFAULT_INDEX_DELAY = Duration.ofMillis(100);
    /** The size of a journal segment (indexed segments are deleted): about 8,000 records of 2 KB. */
    public static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;
    /** The most records one index transaction appends. */
    static final int MAX_INDEX_GROUP = 500;

    private static final Logger LOG = LoggerFactory.getLogger(JournalledDecisionStore.class);

    private final DecisionStore index;
    private final RecordJournal journal;
    private final int maxBacklog;
    private final Duration readWait;
    private final long indexDelayNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the backlog becomes non-empty or the store closes. */
    private final Condition work = lock.newCondition();
    /** Signalled when a reader or the store's closing wants the backlog indexed now. */
    private final Condition hurry = lock.newCondition();
    /** Signalled when the indexer has indexed more. */
    private final Condition indexedMore = lock.newCondition();
    private final ArrayDeque<DecisionRecord> backlog = new ArrayDeque<>();
    private final Thread indexer;
    /** The chain's last record, appended (to the journal) or purged; null before the first. */
    private Head head;
    private long indexedSeq;
    private int readersWaiting;
    private boolean open = true;
    private long indexedTransactions;
    /** When the copy into the database began to fail (null while it succeeds), and the failure's class. */
    private Instant failingSince;
    private String failure;

    /**
     * What operators watch (metrics, health): the records appended but not yet in the database, the limit at which
     * appends are refused, and since when (null: not) the copy into the database has been failing, with the
     * failure's class (never its message, which may quote record values).
     */
    public record Status(int backlog, int maxBacklog, Instant failingSince, String failure) {

        /** Whether new appends are refused: answers are then 503 decision-record-unavailable. */
        public boolean refusingAppends() {
            return backlog >= maxBacklog;
        }
    }

    public JournalledDecisionStore(DecisionStore index, Path journalDir, int maxBacklog, Duration readWait) {
        this(index, journalDir, maxBacklog, readWait, DEFAULT_INDEX_DELAY, DEFAULT_SEGMENT_BYTES);
    }

    public JournalledDecisionStore(DecisionStore index, Path journalDir, int maxBacklog, Duration readWait,
            Duration indexDelay, long segmentBytes) {
        this.index = index;
        this.journal = new RecordJournal(journalDir, segmentBytes);
        this.maxBacklog = maxBacklog;
        this.readWait = readWait;
        this.indexDelayNanos = indexDelay.toNanos();
        this.head = restore();
        this.indexedSeq = appendedSeq();
        indexer = new Thread(this::run, "decision-indexer");
        indexer.setDaemon(true);
        indexer.start();
    }

    /** Copies into the database what only the journal holds, then empties the journal; returns the chain's head. */
    private Head restore() {
        Head h = index.head().orElse(null);
        List<DecisionRecord> journalled = journal.readAll();
        long from = h == null ? 0 : h.seq();
        List<DecisionRecord> missing = new ArrayList<>();
        for (DecisionRecord r : journalled) {
            if (r.seq() > from) {
                missing.add(r);
            } else if (r.seq() == from && !r.hash().equals(h.hash())) {
                throw new IllegalStateException("the decision journal does not match the database: record " + from
                        + " is " + h.hash() + " in the database and " + r.hash() + " in the journal; the journal"
                        + " belongs to another database");
            }
        }
        for (DecisionRecord r : missing) {
            long expectedSeq = h == null ? 1 : h.seq() + 1;
            String expectedPrevious = h == null ? DecisionChain.GENESIS : h.hash();
            if (r.seq() != expectedSeq || !r.previousHash().equals(expectedPrevious)) {
                throw new IllegalStateException("the decision journal does not continue the database's records: the"
                        + " database ends at record " + (h == null ? "none" : h.seq() + " (" + h.hash() + ")")
                        + ", the journal's next record is " + r.seq() + " after " + r.previousHash()
                        + "; the journal belongs to another database, or records are missing");
            }
            h = new Head(r.seq(), r.hash());
        }
        for (int i = 0; i < missing.size(); i += MAX_INDEX_GROUP) {
            index.append(missing.subList(i, Math.min(missing.size(), i + MAX_INDEX_GROUP)));
        }
        if (!missing.isEmpty()) {
            LOG.info("{} decision record(s) restored from the journal into the database (records {} to {})",
                    missing.size(), missing.get(0).seq(), h.seq());
        }
        if (journal.clear() > 0) {
            LOG.warn("a decision journal segment could not be deleted after start-up; its records are in the"
                    + " database, and a later start skips them");
        }
        return h;
    }

    @Override
    public Optional<Head> head() {
        return locked(() -> Optional.ofNullable(head));
    }

    /** With the lock held: the sequence number of the last record appended, 0 before the first. */
    private long appendedSeq() {
        return head == null ? 0 : head.seq();
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends the records (consecutive, continuing the chain) to the journal: once this returns they survive the
     * process. The database receives them shortly after.
     */
    @Override
    public void append(List<DecisionRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (!open) {
                throw new DecisionRecordUnavailableException("the decision store is shut down", null);
            }
            if (backlog.size() + records.size() > maxBacklog) {
                throw new DecisionRecordUnavailableException("more than " + maxBacklog + " decision records are"
                        + " waiting to be copied into the database: the database is not keeping up", null);
            }
            for (DecisionRecord r : records) {
                try {
                    index.admit(r);
                } catch (IllegalArgumentException e) {
                    // Refused now, as the database would refuse it, rather than answered and then never indexed.
                    throw new DecisionRecordUnavailableException("the database cannot hold this record: "
                            + e.getMessage(), e);
                }
            }
            try {
                journal.append(records);
            } catch (IOException e) {
                throw new DecisionRecordUnavailableException("the decision journal could not be written ("
                        + e.getClass().getName() + ")", e);
            }
            boolean wasEmpty = backlog.isEmpty();
            backlog.addAll(records);
            DecisionRecord last = records.get(records.size() - 1);
            head = new Head(last.seq(), last.hash());
            if (wasEmpty) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until everything appended so far is in the database, then purges there (one transaction). */
    @Override
    public long purge(long throughSeq, long expected, DecisionRecord purgeRecord) {
        lock.lock();
        try {
            awaitIndexed(appendedSeq());
        } finally {
            lock.unlock();
        }
        // Without the lock (a DELETE takes time; reads meanwhile see the database before or after it). Only the
        // recorder appends, and it holds its own lock through the purge, so nothing is appended meanwhile.
        long deleted;
        try {
            deleted = index.purge(throughSeq, expected, purgeRecord);
        } catch (RuntimeException e) {
            // Whether the commit happened cannot be known: the database's head says.
            lock.lock();
            try {
                Head stored = index.head().orElse(null);
                if (stored != null && stored.seq() == purgeRecord.seq() && stored.hash().equals(purgeRecord.hash())) {
                    purged(purgeRecord);
                }
            } catch (RuntimeException unreadable) {
                e.addSuppressed(unreadable);
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            purged(purgeRecord);
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * With the lock held: the purge record is the chain's head, and the journal, whose records are all in the
     * database, is emptied: purged requests do not stay in it.
     */
    private void purged(DecisionRecord purgeRecord) {
        indexedSeq = purgeRecord.seq();
        head = new Head(purgeRecord.seq(), purgeRecord.hash());
        if (journal.clear() > 0) {
            LOG.warn("a decision journal segment could not be deleted after a purge; the next start empties the"
                    + " journal");
        }
    }

    @Override
    public long purgeableThrough(Instant cutoff) {
        caughtUp();
        return index.purgeableThrough(cutoff);
    }

    @Override
    public Optional<DecisionRecord> bySeq(long seq) {
        caughtUp();
        return index.bySeq(seq);
    }

    @Override
    public Optional<DecisionRecord> byDecisionId(String decisionId) {
        caughtUp();
        return index.byDecisionId(decisionId);
    }

    @Override
    public Optional<DecisionRecord> latestCalendar(String calendarId) {
        caughtUp();
        return index.latestCalendar(calendarId);
    }

    @Override
    public List<DecisionRecord> find(Query query) {
        caughtUp();
        return index.find(query);
    }

    @Override
    public List<DecisionRecord> range(long afterSeq, int limit) {
        caughtUp();
        return index.range(afterSeq, limit);
    }

    public Status status() {
        return locked(() -> new Status(backlog.size(), maxBacklog, failingSince, failure));
    }

    /** Index transactions committed since start (for the benchmarks). */
    public long indexTransactions() {
        return locked(() -> indexedTransactions);
    }

    /** Stops taking records and waits (at most the read wait) until the indexer has copied the rest. */
    @Override
    public void close() {
        lock.lock();
        try {
            open = false;
            work.signalAll();
            hurry.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            indexer.join(readWait.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        indexer.interrupt();
        lock.lock();
        try {
            LOG.info("decision journal closed: {} index transaction(s) since start", indexedTransactions);
            if (indexedSeq == appendedSeq()) {
                journal.clear();
            } else {
                LOG.warn("decision store closed with {} record(s) not yet in the database: they stay in the journal"
                        + " and are copied at the next start", appendedSeq() - indexedSeq);
            }
            journal.close();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the records appended before this call are in the database. */
    private void caughtUp() {
        lock.lock();
        try {
            awaitIndexed(appendedSeq());
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held: waits until {@code seq} is indexed, at most the read wait. */
    private void awaitIndexed(long seq) {
        if (indexedSeq >= seq) {
            return;
        }
        long left = readWait.toNanos();
        readersWaiting++;
        try {
            hurry.signal();
            while (indexedSeq < seq) {
                if (left <= 0) {
                    throw new DecisionRecordsNotReadableException("the decision records are not yet in the database"
                            + " (" + (seq - indexedSeq) + " behind after " + readWait.toMillis() + " ms)", null);
                }
                left = indexedMore.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecisionRecordsNotReadableException("interrupted while waiting for the decision records", e);
        } finally {
            readersWaiting--;
        }
    }

    private void run() {
        long failures = 0;
        while (true) {
            List<DecisionRecord> group;
            lock.lock();
            try {
                if (!gather()) {
                    return;
                }
                group = new ArrayList<>(Math.min(backlog.size(), MAX_INDEX_GROUP));
                for (DecisionRecord r : backlog) {
                    if (group.size() == MAX_INDEX_GROUP) {
                        break;
                    }
                    group.add(r);
                }
            } finally {
                lock.unlock();
            }
            try {
                List<DecisionRecord> unindexed = unindexed(group, failures > 0);
                if (!unindexed.isEmpty()) {
                    index.append(unindexed);
                }
                failures = 0;
            } catch (RuntimeException | Error e) {
                // Errors too: an indexer that stopped would leave every later record out of the database.
                failures++;
                failed(e);
                if (!isOpen()) {
                    LOG.error("{} decision record(s) not copied into the database at shutdown ({}); they stay in the"
                            + " journal and are copied at the next start", backlogSize(), e.getClass().getName());
                    return;
                }
                // The class only: a driver's message may quote the values it failed to write.
                LOG.error("{} decision record(s) could not be copied into the database ({}); they are kept in the"
                        + " journal and retried", group.size(), e.getClass().getName());
                pause(Math.min(5_000, 100L << Math.min(failures, 6)));
                continue;
            }
            lock.lock();
            try {
                for (int i = 0; i < group.size(); i++) {
                    backlog.removeFirst();
                }
                indexedSeq = group.get(group.size() - 1).seq();
                indexedTransactions++;
                failingSince = null;
                failure = null;
                indexedMore.signalAll();
                if (journal.deleteThrough(indexedSeq) > 0) {
                    LOG.warn("an indexed decision journal segment could not be deleted; the next start empties the"
                            + " journal");
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * With the lock held: waits for records, then for more of them (the index delay, cut short by a reader waiting
     * or a full group). Returns false when the store is closed and nothing is left.
     */
    private boolean gather() {
        try {
            while (backlog.isEmpty()) {
                if (!open) {
                    return false;
                }
                work.await(100, TimeUnit.MILLISECONDS);
            }
            long left = indexDelayNanos;
            while (open && readersWaiting == 0 && backlog.size() < MAX_INDEX_GROUP && left > 0) {
                left = hurry.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            // Closing: index what is there.
            return !backlog.isEmpty();
        }
    }

    /**
     * The records of {@code group} the database does not hold yet: after a failed transaction it cannot be known
     * whether the commit happened, so the database's head is read again first.
     */
    private List<DecisionRecord> unindexed(List<DecisionRecord> group, boolean afterFailure) {
        if (!afterFailure) {
            return group;
        }
        long stored = index.head().map(Head::seq).orElse(0L);
        List<DecisionRecord> left = new ArrayList<>();
        for (DecisionRecord r : group) {
            if (r.seq() > stored) {
                left.add(r);
            } else if (!index.bySeq(r.seq()).map(DecisionRecord::hash).filter(r.hash()::equals).isPresent()) {
                // Never skip a record the database holds another one in place of: keep retrying, loudly.
                throw new IllegalStateException("the database holds another record than the journal at seq "
                        + r.seq());
            }
        }
        return left;
    }

    private void failed(Throwable e) {
        lock.lock();
        try {
            failingSince = failingSince == null ? Instant.now() : failingSince;
            failure = e.getClass().getName();
        } finally {
            lock.unlock();
        }
    }

    private boolean isOpen() {
        return locked(() -> open);
    }

    private int backlogSize() {
        return locked(() -> backlog.size());
    }

    private void pause(long millis) {
        lock.lock();
        try {
            if (open) {
                hurry.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
