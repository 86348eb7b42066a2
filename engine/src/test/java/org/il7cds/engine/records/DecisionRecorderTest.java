package org.il7cds.engine.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Group commit: every request's records committed before it returns, in one gapless chain, or an exception. */
class DecisionRecorderTest {

    /** A store that can be made slow or failing, around the in-memory one. */
    private static final class Flaky extends ForwardingDecisionStore {
        volatile long delayMillis;
        volatile boolean failBefore;
        volatile boolean failAfterCommit;
        volatile CountDownLatch gate;
        final AtomicInteger appends = new AtomicInteger();

        Flaky() {
            super(new InMemoryDecisionStore());
        }

        @Override
        public void append(List<DecisionRecord> records) {
            appends.incrementAndGet();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failBefore) {
                throw new IllegalStateException("disk full");
            }
            delegate.append(records);
            if (failAfterCommit) {
                throw new IllegalStateException("connection lost after the commit");
            }
        }
    }

    @Test
    void concurrentRequestsShareCommitsAndGetOneGaplessChain() throws Exception {
        Flaky store = new Flaky();
        store.delayMillis = 5;
        ConcurrentLinkedQueue<DecisionRecord> returned = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        // Every fourth request is a "batch" of five records, kept together and in order.
                        List<Decision> ds = new ArrayList<>();
                        for (int k = 0; k < (i % 4 == 0 ? 5 : 1); k++) {
                            ds.add(TestDecisions.assessment(thread * 1000 + i * 10 + k));
                        }
                        List<DecisionRecord> rs = recorder.record(ds);
                        for (int k = 0; k < rs.size(); k++) {
                            assertThat(rs.get(k).decision()).isSameAs(ds.get(k));
                            assertThat(store.delegate.bySeq(rs.get(k).seq())).as("committed before the return")
                                    .contains(rs.get(k));
                            if (k > 0) {
                                assertThat(rs.get(k).seq()).isEqualTo(rs.get(k - 1).seq() + 1);
                            }
                        }
                        returned.addAll(rs);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            long[] stats = recorder.statistics();
            assertThat(stats[1]).isEqualTo(8 * (30 + 10 * 5));
            assertThat(stats[0]).as("transactions: several requests per commit").isLessThan(stats[1] / 2);
        } finally {
            threads.shutdownNow();
        }
        assertThat(returned).extracting(DecisionRecord::seq).doesNotHaveDuplicates().hasSize(640);
        ChainVerification v = DecisionChain.verify(store.delegate);
        assertThat(v.intact()).isTrue();
        assertThat(v.headSeq()).isEqualTo(640);
    }

    @Test
    void aFailingStoreRefusesTheRequestAndTheChainContinuesAfterwards() {
        Flaky store = new Flaky();
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            recorder.record(TestDecisions.assessment(1));
            store.failBefore = true;

            assertThatThrownBy(() -> recorder.record(TestDecisions.assessment(2)))
                    .isInstanceOf(DecisionRecordUnavailableException.class)
                    .hasMessageContaining("decision store failed").hasMessageNotContaining("CAND");

            store.failBefore = false;
            DecisionRecord next = recorder.record(TestDecisions.assessment(3));
            assertThat(next.seq()).isEqualTo(2);
        }
        assertThat(DecisionChain.verify(store.delegate).intact()).isTrue();
    }

    @Test
    void aCommitReportedAsFailedIsNotCountedTwice() {
        Flaky store = new Flaky();
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            recorder.record(TestDecisions.assessment(1));
            store.failAfterCommit = true;
            assertThatThrownBy(() -> recorder.record(TestDecisions.assessment(2)))
                    .isInstanceOf(DecisionRecordUnavailableException.class);
            store.failAfterCommit = false;

            // The writer reads the head again: record 2 was committed after all, so the next one is 3.
            assertThat(recorder.record(TestDecisions.assessment(3)).seq()).isEqualTo(3);
        }
        assertThat(DecisionChain.verify(store.delegate).intact()).isTrue();
    }

    @Test
    void aRequestWaitsAtMostTheWaitAndWithdrawsRecordsNotYetTaken() throws Exception {
        Flaky store = new Flaky();
        store.gate = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (DecisionRecorder recorder = new DecisionRecorder(store, Duration.ofMillis(300), 100)) {
            Future<?> blocked = threads.submit(() -> recorder.record(TestDecisions.assessment(1)));
            while (store.appends.get() == 0) {
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> recorder.record(TestDecisions.assessment(2)))
                    .isInstanceOf(DecisionRecordUnavailableException.class).hasMessageContaining("300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(blocked::get).hasCauseInstanceOf(DecisionRecordUnavailableException.class);

            CountDownLatch gate = store.gate;
            store.gate = null;
            gate.countDown();
            Thread.sleep(50);
        } finally {
            threads.shutdownNow();
        }
        // Record 1 was taken (it may be committed after its request gave up); record 2 was withdrawn.
        assertThat(store.delegate.range(0, 10)).extracting(r -> r.decision().request())
                .noneMatch(r -> r.contains("CAND-2\""));
    }

    @Test
    void tooMuchPendingIsRefusedAtOnce() throws Exception {
        Flaky store = new Flaky();
        CountDownLatch gate = new CountDownLatch(1);
        store.gate = gate;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (DecisionRecorder recorder = new DecisionRecorder(store, Duration.ofSeconds(10), 3)) {
            Future<?> first = threads.submit(() -> recorder.record(TestDecisions.assessment(1)));
            while (store.appends.get() == 0) {
                Thread.sleep(5);
            }
            Future<?> second = threads.submit(() -> recorder.record(List.of(TestDecisions.assessment(2),
                    TestDecisions.assessment(3))));
            Thread.sleep(50);

            assertThatThrownBy(() -> recorder.record(List.of(TestDecisions.assessment(4),
                    TestDecisions.assessment(5)))).isInstanceOf(DecisionRecordUnavailableException.class)
                    .hasMessageContaining("more than 3 decisions are waiting");

            gate.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(DecisionChain.verify(store.delegate).headSeq()).isEqualTo(3);
    }

    @Test
    void theQueuedCallbackRunsBeforeTheCommitIsWaitedFor() throws Exception {
        Flaky store = new Flaky();
        CountDownLatch gate = new CountDownLatch(1);
        store.gate = gate;
        CountDownLatch queued = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(1);
        try (DecisionRecorder recorder = new DecisionRecorder(store, Duration.ofSeconds(10), 100)) {
            Future<List<DecisionRecord>> batch = threads.submit(() -> recorder.record(
                    List.of(TestDecisions.assessment(1), TestDecisions.assessment(2)), queued::countDown));

            assertThat(queued.await(10, TimeUnit.SECONDS)).as("called while the commit is held").isTrue();
            assertThat(batch).isNotDone();
            assertThat(store.delegate.head()).isEmpty();

            gate.countDown();
            assertThat(batch.get(10, TimeUnit.SECONDS)).hasSize(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theQueuedCallbackDoesNotRunWhenTheDecisionsAreRefused() {
        DecisionRecorder recorder = new DecisionRecorder(new InMemoryDecisionStore(), Duration.ofSeconds(1), 1);
        AtomicInteger called = new AtomicInteger();
        try (recorder) {
            assertThatThrownBy(() -> recorder.record(List.of(TestDecisions.assessment(1),
                    TestDecisions.assessment(2)), called::incrementAndGet))
                    .isInstanceOf(DecisionRecordUnavailableException.class);
        }
        assertThat(called).hasValue(0);
    }

    /** A recorder that gathers for far longer than any of these tests waits: only a settlement ends a wait early. */
    private static DecisionRecorder gathering(DecisionStore store) {
        return new DecisionRecorder(store, Duration.ofSeconds(30), 1_000, Duration.ofSeconds(20));
    }

    @Test
    void announcedRequestsShareOneCommit() throws Exception {
        Flaky store = new Flaky();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (DecisionRecorder recorder = gathering(store)) {
            CountDownLatch announced = new CountDownLatch(2);
            CountDownLatch secondMayRecord = new CountDownLatch(1);
            Future<DecisionRecord> first = threads.submit(() -> {
                try (DecisionRecorder.Expectation e = recorder.expect()) {
                    announced.countDown();
                    announced.await();
                    return recorder.record(TestDecisions.assessment(1));
                }
            });
            Future<DecisionRecord> second = threads.submit(() -> {
                try (DecisionRecorder.Expectation e = recorder.expect()) {
                    announced.countDown();
                    secondMayRecord.await();
                    return recorder.record(TestDecisions.assessment(2));
                }
            });
            Thread.sleep(300);
            assertThat(store.appends.get()).as("the commit waits for the other announced request").isZero();
            assertThat(first.isDone()).isFalse();

            secondMayRecord.countDown();
            assertThat(List.of(first.get(10, TimeUnit.SECONDS).seq(), second.get(10, TimeUnit.SECONDS).seq()))
                    .containsExactly(1L, 2L);
            assertThat(store.appends.get()).as("one commit for both").isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(DecisionChain.verify(store.delegate).intact()).isTrue();
    }

    @Test
    void anAnnouncementClosedWithoutRecordingReleasesTheCommit() throws Exception {
        Flaky store = new Flaky();
        ExecutorService threads = Executors.newFixedThreadPool(1);
        try (DecisionRecorder recorder = gathering(store)) {
            DecisionRecorder.Expectation refused = recorder.expect(); // say, a request answered 400
            Future<DecisionRecord> recorded = threads.submit(() -> {
                try (DecisionRecorder.Expectation e = recorder.expect()) {
                    return recorder.record(TestDecisions.assessment(1));
                }
            });
            Thread.sleep(300);
            assertThat(recorded.isDone()).isFalse();

            long start = System.nanoTime();
            refused.close();
            assertThat(recorded.get(10, TimeUnit.SECONDS).seq()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            refused.close(); // closing twice settles once
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anAnnouncementMadeWhileACommitWaitsIsLeftToTheNextCommit() throws Exception {
        Flaky store = new Flaky();
        ExecutorService threads = Executors.newFixedThreadPool(1);
        try (DecisionRecorder recorder = gathering(store)) {
            DecisionRecorder.Expectation early = recorder.expect();
            Future<DecisionRecord> recorded = threads.submit(() -> {
                try (DecisionRecorder.Expectation e = recorder.expect()) {
                    return recorder.record(TestDecisions.assessment(1));
                }
            });
            Thread.sleep(300); // the writer now waits for "early"
            try (DecisionRecorder.Expectation late = recorder.expect()) {
                early.close();
                assertThat(recorded.get(10, TimeUnit.SECONDS).seq()).as("not held back by the late one")
                        .isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void withNothingElseAnnouncedARecordIsCommittedAtOnce() {
        Flaky store = new Flaky();
        try (DecisionRecorder recorder = gathering(store)) {
            long start = System.nanoTime();
            try (DecisionRecorder.Expectation e = recorder.expect()) {
                recorder.record(TestDecisions.assessment(1));
            }
            recorder.record(TestDecisions.assessment(2)); // not announced at all
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(store.delegate.range(0, 10)).hasSize(2);
    }

    @Test
    void aClosedRecorderRefuses() {
        DecisionRecorder recorder = new DecisionRecorder(new InMemoryDecisionStore());
        recorder.close();
        assertThatThrownBy(() -> recorder.record(TestDecisions.assessment(1)))
                .isInstanceOf(DecisionRecordUnavailableException.class).hasMessageContaining("shut down");
    }
}
