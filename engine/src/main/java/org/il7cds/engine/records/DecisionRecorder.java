package org.il7cds.engine.records;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends decisions to the chain with group commit. Requests hand their decisions to one writer thread and wait
 * (at most {@code wait}); the writer takes everything pending, gives each record its sequence number and hash,
 * appends them all in one transaction and, only once it has committed, releases the requests. One commit thus
 * serves every request that arrived while the previous one was being written, and sequence numbers and hashes are
 * assigned in one place, in order.
 *
 * <p>A request whose records cannot be committed (the store fails, the wait runs out, too much is pending) gets
 * {@link DecisionRecordUnavailableException}: its answer must not be given. A request that gives up before the
 * writer took its records withdraws them; once taken they may still be committed after the request gave up (the
 * record then describes an answer that was not delivered, never the other way round). After a failed write the
 * writer reads the chain's head from the store again, since it cannot know whether the commit happened.
 *
 * <p>Gathering ({@code gather} above zero): a commit costs about as much for one record as for sixteen (H2: 85 µs of
 * CPU per record in commits of 4, 29 µs in commits of 16; bench/RESULTS.md), and under load most commits served
 * only the few requests that happened to be waiting. Requests that will record announce themselves first ({@link
 * #expect}, from the HTTP layer once a request's body is read); before committing, the writer waits for the requests
 * announced until then to hand in their decisions, at most {@code gather}. Requests announced after the writer began
 * to wait are left to the next commit, so a steady stream of arrivals cannot hold a commit back beyond that. An
 * isolated request (nothing else announced) is committed at once.
 *
 * <p>Direct ({@link #direct}): for a store whose append is a write to a file ({@link JournalledDecisionStore}),
 * the calling thread appends its decisions itself, one caller at a time, and nothing is handed to a writer: the
 * hand-over and the wake-up cost more than such an append.
 *
 * <p>One recorder per store: two processes appending to one database would both claim the next sequence number.
 */
public final class DecisionRecorder implements AutoCloseable {

    /** How long a request waits for its records to be committed. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    /** Records waiting for the writer beyond which a new request is refused at once. */
    public static final int DEFAULT_MAX_PENDING = 20_000;
    /** The most records one transaction appends. */
    static final int MAX_GROUP = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(DecisionRecorder.class);

    /** What a purge needs besides its answer, which the writer fills in: who, when, why, and the cutoff. */
    public record PurgeOrder(String decisionId, Instant at, String zone, String clientId, String request,
            Instant cutoff) {
    }

    /** A committed purge: its record (in the chain) and how many records it deleted. */
    public record Purged(DecisionRecord record, long purged) {
    }

    private final DecisionStore store;
    private final Duration wait;
    private final int maxPending;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final long gatherNanos;
    /**
     * Requests announced ({@link #expect}) and not yet settled, counted per round: an expectation counts in the
     * round current when it was made ({@code round}, only ever incremented by the writer), and the writer waits for
     * the count of the round it closes. Two counters alternate; an expectation older than the previous round (a
     * request slower than a whole gathering) only makes a later wait end at its deadline.
     */
    private final AtomicInteger[] announced = {new AtomicInteger(), new AtomicInteger()};
    private volatile long round;
    /** The round the writer is waiting for, or -1; a settling request that empties it wakes the writer. */
    private volatile long awaitedRound = -1;
    private final ThreadLocal<Expectation> expectations = new ThreadLocal<>();
    /** Null when direct: callers append themselves, holding {@link #directLock}. */
    private final Thread writer;
    /** Direct: one caller at a time; one that cannot have it within the wait (a long purge) is refused. */
    private final ReentrantLock directLock = new ReentrantLock();
    /** What {@link #expect} gives when direct: there is no commit to gather for. */
    private final Expectation NOTHING_TO_GATHER = new Expectation(-1, true);
    private volatile boolean open = true;
    /** The chain's last record as the writer knows it; null: read it from the store first. Writer thread only. */
    private DecisionStore.Head head;
    private boolean headKnown;

    public DecisionRecorder(DecisionStore store) {
        this(store, DEFAULT_WAIT, DEFAULT_MAX_PENDING);
    }

    public DecisionRecorder(DecisionStore store, Duration wait, int maxPending) {
        this(store, wait, maxPending, Duration.ZERO);
    }

    /** @param gather how long a commit may wait for announced requests ({@link #expect}); zero: never */
    public DecisionRecorder(DecisionStore store, Duration wait, int maxPending, Duration gather) {
        this(store, wait, maxPending, gather, false);
    }

    private DecisionRecorder(DecisionStore store, Duration wait, int maxPending, Duration gather, boolean direct) {
        this.store = store;
        this.wait = wait;
        this.maxPending = maxPending;
        this.gatherNanos = gather.toNanos();
        if (direct) {
            writer = null;
            return;
        }
        writer = new Thread(this::run, "decision-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * A recorder whose callers append their decisions themselves, one at a time (see the class comment): for a
     * store whose append is cheap and durable at once ({@link JournalledDecisionStore}), never for a database
     * directly, whose commits would then be one per request.
     */
    public static DecisionRecorder direct(DecisionStore store) {
        return new DecisionRecorder(store, DEFAULT_WAIT, DEFAULT_MAX_PENDING, Duration.ZERO, true);
    }

    /**
     * Announces that the calling thread is answering a request that will record decisions, so that the next commit
     * can wait for them (see the class comment). The expectation is settled by the thread's next {@link #record}
     * (once its decisions are queued) or by closing it, whichever comes first; close it when the request ends.
     */
    public Expectation expect() {
        if (writer == null) {
            return NOTHING_TO_GATHER;
        }
        Expectation e = new Expectation(round);
        announced[(int) (e.round & 1)].incrementAndGet();
        expectations.set(e);
        return e;
    }

    /** A request's announcement ({@link #expect}); closing it settles it if its decisions were not recorded. */
    public final class Expectation implements AutoCloseable {
        private final long round;
        private boolean settled;

        private Expectation(long round) {
            this(round, false);
        }

        private Expectation(long round, boolean settled) {
            this.round = round;
            this.settled = settled;
        }

        private void settle() {
            if (settled) {
                return;
            }
            settled = true;
            if (expectations.get() == this) {
                expectations.remove();
            }
            if (announced[(int) (round & 1)].decrementAndGet() == 0 && awaitedRound == round) {
                LockSupport.unpark(writer);
            }
        }

        @Override
        public void close() {
            settle();
        }
    }

    /** Records one decision and returns once it is committed. */
    public DecisionRecord record(Decision decision) {
        return record(List.of(decision)).get(0);
    }

    /**
     * Records the decisions (consecutively, in this order) and returns once they are committed.
     *
     * @throws DecisionRecordUnavailableException when they cannot be committed within the wait
     */
    public List<DecisionRecord> record(List<Decision> decisions) {
        return record(decisions, () -> { });
    }

    /**
     * As {@link #record(List)}; {@code queued} runs once the decisions are queued, before the wait for their commit
     * (not when they are refused): a caller that holds a share of the CPU (a batch's turn) gives it up there.
     */
    public List<DecisionRecord> record(List<Decision> decisions, Runnable queued) {
        if (decisions.isEmpty()) {
            queued.run();
            return List.of();
        }
        if (writer == null) {
            List<DecisionRecord> records = appendNow(decisions);
            queued.run();
            return records;
        }
        RecordsPending p = enqueue(decisions);
        queued.run();
        @SuppressWarnings("unchecked")
        List<DecisionRecord> records = (List<DecisionRecord>) p.await(wait);
        return records;
    }

    private RecordsPending enqueue(List<Decision> decisions) {
        int n = decisions.size();
        if (!open) {
            throw new DecisionRecordUnavailableException("the decision recorder is shut down", null);
        }
        if (pending.addAndGet(n) > maxPending) {
            pending.addAndGet(-n);
            throw new DecisionRecordUnavailableException("more than " + maxPending + " decisions are waiting to be"
                    + " recorded: the decision store is not keeping up", null);
        }
        RecordsPending p = new RecordsPending(List.copyOf(decisions));
        queue.add(p);
        Expectation e = expectations.get();
        if (e != null) {
            e.settle();
        }
        return p;
    }

    /**
     * Deletes the records made before {@code order.cutoff()} (a prefix of the chain: up to the first younger one)
     * and appends the purge record that names the last of them, in one transaction, after every decision already
     * waiting.
     */
    public Purged purge(PurgeOrder order) {
        if (!open) {
            throw new DecisionRecordUnavailableException("the decision recorder is shut down", null);
        }
        if (writer == null) {
            lockDirect(wait.multipliedBy(12));
            try {
                return purged(order);
            } catch (RuntimeException e) {
                failed(e, "a purge");
                throw unavailable(e);
            } finally {
                directLock.unlock();
            }
        }
        PurgePending p = new PurgePending(order);
        pending.incrementAndGet();
        queue.add(p);
        return (Purged) p.await(wait.multipliedBy(12));
    }

    /** Transactions committed and records appended since start (for the benchmarks: records per commit). */
    public long[] statistics() {
        return new long[] {groups.get(), recorded.get()};
    }

    /** Stops taking decisions, writes what is pending (waiting at most the wait), and stops the writer. */
    @Override
    public void close() {
        open = false;
        if (writer == null) {
            LOG.info("decision recorder closed: {} records appended since start", recorded.get());
            return;
        }
        try {
            writer.join(wait.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        LOG.info("decision recorder closed: {} records appended in {} transactions since start", recorded.get(),
                groups.get());
    }

    private void run() {
        while (open || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                continue;
            }
            if (first instanceof PurgePending purge) {
                if (purge.take()) {
                    purge(purge);
                }
                continue;
            }
            List<RecordsPending> group = new ArrayList<>();
            int n = take((RecordsPending) first, group, 0);
            n = drain(group, n);
            if (gatherNanos > 0 && n < MAX_GROUP && !(queue.peek() instanceof PurgePending) && gather()) {
                n = drain(group, n);
            }
            if (!group.isEmpty()) {
                write(group, n);
            }
        }
    }

    /** Adds {@code p} to the group unless its request withdrew it; returns the group's new size. */
    private static int take(RecordsPending p, List<RecordsPending> group, int size) {
        if (!p.take()) {
            return size;
        }
        group.add(p);
        return size + p.decisions.size();
    }

    /** Takes what waits in the queue, up to a purge or the group's limit; returns the group's new size. */
    private int drain(List<RecordsPending> group, int size) {
        int n = size;
        // Peek, then poll: the writer is the queue's only consumer.
        while (n < MAX_GROUP && queue.peek() instanceof RecordsPending) {
            n = take((RecordsPending) queue.poll(), group, n);
        }
        return n;
    }

    /**
     * Closes the current round of announcements and waits until every request announced in it has settled, or the
     * gathering time has passed. Returns whether it waited at all (false: nothing was announced).
     */
    private boolean gather() {
        long closing = round;
        AtomicInteger count = announced[(int) (closing & 1)];
        round = closing + 1;
        if (count.get() == 0) {
            return false;
        }
        awaitedRound = closing;
        long deadline = System.nanoTime() + gatherNanos;
        try {
            long left;
            while (count.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
        } finally {
            awaitedRound = -1;
        }
        return true;
    }

    /** Direct: appends the decisions in the calling thread, one caller at a time. */
    private List<DecisionRecord> appendNow(List<Decision> decisions) {
        if (!open) {
            throw new DecisionRecordUnavailableException("the decision recorder is shut down", null);
        }
        lockDirect(wait);
        try {
            return appended(decisions);
        } catch (RuntimeException e) {
            failed(e, decisions.size() + " decision record(s)");
            throw unavailable(e);
        } finally {
            directLock.unlock();
        }
    }

    private void lockDirect(Duration within) {
        try {
            if (!directLock.tryLock(within.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new DecisionRecordUnavailableException("the decision recorder was busy for "
                        + within.toMillis() + " ms (a purge, or a slow journal)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecisionRecordUnavailableException("interrupted while waiting for the decision recorder", e);
        }
    }

    private static DecisionRecordUnavailableException unavailable(RuntimeException e) {
        return e instanceof DecisionRecordUnavailableException u ? u
                : new DecisionRecordUnavailableException("the decision store failed (" + e.getClass().getName() + ")",
                        e);
    }

    /** Chains the decisions after the head and appends them to the store in one transaction. */
    private List<DecisionRecord> appended(List<Decision> decisions) {
        DecisionStore.Head h = head();
        List<DecisionRecord> records = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            DecisionRecord r = DecisionChain.append(h, d);
            records.add(r);
            h = new DecisionStore.Head(r.seq(), r.hash());
        }
        store.append(records);
        head = h;
        groups.incrementAndGet();
        recorded.addAndGet(records.size());
        return records;
    }

    private void write(List<RecordsPending> group, int n) {
        try {
            List<Decision> decisions = new ArrayList<>(n);
            for (RecordsPending p : group) {
                decisions.addAll(p.decisions);
            }
            List<DecisionRecord> records = appended(decisions);
            int from = 0;
            for (RecordsPending p : group) {
                int to = from + p.decisions.size();
                p.done.complete(records.subList(from, to));
                from = to;
            }
        } catch (RuntimeException e) {
            failed(e, n + " decision record(s)");
            group.forEach(p -> p.done.completeExceptionally(e));
        }
    }

    private void purge(PurgePending p) {
        try {
            p.done.complete(purged(p.order));
        } catch (RuntimeException e) {
            failed(e, "a purge");
            p.done.completeExceptionally(e);
        }
    }

    private Purged purged(PurgeOrder o) {
        DecisionStore.Head h = head();
        long through = Math.min(store.purgeableThrough(o.cutoff()), h == null ? 0 : h.seq());
        DecisionStore.Head anchor = null;
        long count = 0;
        if (through > 0) {
            DecisionRecord last = store.bySeq(through).orElseThrow(() -> new IllegalStateException(
                    "record " + through + " is missing: verify the decision chain before purging"));
            anchor = new DecisionStore.Head(last.seq(), last.hash());
            long firstSeq = store.range(0, 1).get(0).seq();
            count = through - firstSeq + 1;
        }
        String answer = DecisionChain.purgeAnswer(count, anchor);
        Decision d = new Decision(o.decisionId(), o.at(), o.zone(), o.clientId(), Operation.PURGE, null, null, null,
                null, o.request(), 200, null, null, null, answer,
                DecisionChain.digest(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        DecisionRecord record = DecisionChain.append(h, d);
        long deleted = count == 0 ? 0 : store.purge(through, count, record);
        if (count == 0) {
            store.append(List.of(record));
        }
        head = new DecisionStore.Head(record.seq(), record.hash());
        groups.incrementAndGet();
        recorded.incrementAndGet();
        return new Purged(record, deleted);
    }

    private DecisionStore.Head head() {
        if (!headKnown) {
            head = store.head().orElse(null);
            headKnown = true;
        }
        return head;
    }

    private void failed(RuntimeException e, String what) {
        headKnown = false;
        // The class only: a driver's message may quote the values it failed to write.
        LOG.error("{} not recorded: the decision store failed ({}); the requests get 503 decision-record-unavailable",
                what, e.getClass().getName());
    }

    /** Work handed to the writer: taken by it once, or withdrawn by a request that stopped waiting. */
    private abstract class Pending {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;
        final CompletableFuture<Object> done = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final int size;

        Pending(int size) {
            this.size = size;
        }

        boolean take() {
            if (state.compareAndSet(WAITING, TAKEN)) {
                pending.addAndGet(-size);
                return true;
            }
            return false;
        }

        Object await(Duration timeout) {
            try {
                return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (state.compareAndSet(WAITING, WITHDRAWN)) {
                    pending.addAndGet(-size);
                }
                throw new DecisionRecordUnavailableException("the decision record was not committed within "
                        + timeout.toMillis() + " ms", e);
            } catch (ExecutionException e) {
                throw new DecisionRecordUnavailableException("the decision store failed ("
                        + e.getCause().getClass().getName() + ")", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (state.compareAndSet(WAITING, WITHDRAWN)) {
                    pending.addAndGet(-size);
                }
                throw new DecisionRecordUnavailableException("interrupted while waiting for the decision record", e);
            }
        }
    }

    private final class RecordsPending extends Pending {
        final List<Decision> decisions;

        RecordsPending(List<Decision> decisions) {
            super(decisions.size());
            this.decisions = decisions;
        }
    }

    private final class PurgePending extends Pending {
        final PurgeOrder order;

        PurgePending(PurgeOrder order) {
            super(1);
            this.order = order;
        }
    }
}
