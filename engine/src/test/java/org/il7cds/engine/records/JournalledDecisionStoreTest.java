package org.il7cds.engine.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal in front of the database: a record survives once the recorder returns, every read sees it, the
 * database receives it later (or at the next start), and a journal that does not continue the database is refused.
 */
class JournalledDecisionStoreTest {

    @TempDir
    Path dir;

    /**
     * The database: the in-memory store, which can be made to fail before or after its commit. A process that
     * "crashed" keeps a connection that is down for good ({@link #crashed}): its abandoned indexer must not write.
     */
    private static final class Database extends ForwardingDecisionStore {
        volatile boolean down;
        volatile boolean failAfterCommit;
        final AtomicInteger appends = new AtomicInteger();
        /** Client ids this database refuses (as a column too short for them would). */
        volatile String refusedClient;

        Database() {
            this(new InMemoryDecisionStore());
        }

        private Database(InMemoryDecisionStore delegate) {
            super(delegate);
        }

        /** The same database as seen by a process that then died: every write fails. */
        Database crashed() {
            Database d = new Database(delegate);
            d.down = true;
            return d;
        }

        @Override
        public void append(List<DecisionRecord> records) {
            appends.incrementAndGet();
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            delegate.append(records);
            if (failAfterCommit) {
                failAfterCommit = false;
                throw new IllegalStateException("connection lost after the commit");
            }
        }

        @Override
        public void admit(DecisionRecord record) {
            if (record.decision().clientId().equals(refusedClient)) {
                throw new IllegalArgumentException("client_id is longer than 8 characters");
            }
        }
    }

    /** Stores of a process that "crashed": abandoned by the test, stopped after it (their database is down). */
    private final List<JournalledDecisionStore> abandoned = new ArrayList<>();

    @AfterEach
    void stopAbandonedIndexers() {
        abandoned.forEach(JournalledDecisionStore::close);
    }

    private JournalledDecisionStore journalled(Database db) {
        return new JournalledDecisionStore(db, dir, 1_000, Duration.ofSeconds(5));
    }

    private JournalledDecisionStore crashing(Database db) {
        return crashing(new JournalledDecisionStore(db.crashed(), dir, 1_000, Duration.ofSeconds(5)));
    }

    private JournalledDecisionStore crashing(JournalledDecisionStore store) {
        abandoned.add(store);
        return store;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".journal")).sorted().toList();
        }
    }

    @Test
    void everyRecordIsReadableOnceRecordedAndTheDatabaseReceivesThemInFewTransactions() throws Exception {
        Database db = new Database();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (JournalledDecisionStore store = journalled(db);
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        List<Decision> ds = new ArrayList<>();
                        for (int k = 0; k < (i % 10 == 0 ? 5 : 1); k++) {
                            ds.add(TestDecisions.assessment(thread * 10_000 + i * 10 + k));
                        }
                        List<DecisionRecord> rs = recorder.record(ds);
                        assertThat(rs).extracting(DecisionRecord::decision).containsExactlyElementsOf(ds);
                        if (i % 25 == 0) {
                            // A read right after the answer sees the record: reads wait for the index.
                            assertThat(store.byDecisionId(ds.get(0).decisionId())).contains(rs.get(0));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            ChainVerification v = DecisionChain.verify(store);
            assertThat(v.intact()).isTrue();
            assertThat(v.headSeq()).isEqualTo(4 * (90 + 10 * 5));
            assertThat(db.delegate.head()).map(DecisionStore.Head::seq).contains(560L);
            assertThat(store.indexTransactions()).as("index transactions for 560 records").isLessThan(280);
        } finally {
            threads.shutdownNow();
        }
        assertThat(segments()).as("a clean close leaves no journal").isEmpty();
    }

    @Test
    void recordsOnlyInTheJournalReachTheDatabaseAtTheNextStartAndTheChainContinues() {
        Database db = new Database();
        // "Crash": the database never got them; the store is abandoned, not closed.
        DecisionRecorder before = DecisionRecorder.direct(crashing(db));
        List<DecisionRecord> answered = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            answered.addAll(before.record(List.of(TestDecisions.assessment(i))));
        }
        assertThat(db.delegate.head()).isEmpty();

        try (JournalledDecisionStore store = journalled(db);
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            assertThat(db.delegate.range(0, 100)).containsExactlyElementsOf(answered);
            DecisionRecord next = recorder.record(TestDecisions.assessment(8));
            assertThat(next.seq()).isEqualTo(8);
            assertThat(next.previousHash()).isEqualTo(answered.get(6).hash());
            assertThat(DecisionChain.verify(store).intact()).isTrue();
        }
    }

    @Test
    void aWriteCutShortByACrashIsDroppedAndTheRecordsBeforeItAreKept() throws Exception {
        Database db = new Database();
        DecisionRecorder before = DecisionRecorder.direct(crashing(db));
        for (int i = 1; i <= 3; i++) {
            before.record(TestDecisions.assessment(i));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        int end = bytes.length;
        while (bytes[end - 1] == 0) {
            end--;
        }
        // The start of a fourth entry after the third: a length and part of a payload, as a copy cut short leaves it.
        System.arraycopy(new byte[] {0, 0, 4, 0, 1, 2, 3, 4, 5, 6, 7}, 0, bytes, end, 11);
        Files.write(segment, bytes);

        try (JournalledDecisionStore store = journalled(db);
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            assertThat(db.delegate.head()).map(DecisionStore.Head::seq).contains(3L);
            assertThat(recorder.record(TestDecisions.assessment(4)).seq()).isEqualTo(4);
            assertThat(DecisionChain.verify(store).intact()).isTrue();
        }
    }

    @Test
    void theNextSegmentIsTheSpareWrittenAheadAndNeitherAHalfWrittenSpareNorACloseLeaveOne() throws Exception {
        Database db = new Database();
        Path spare = dir.resolve(RecordJournal.SPARE);
        Files.writeString(spare, "half written when the process died");
        // Segments of 8,000 bytes: a few records each (a record larger than a segment gets a segment of its size).
        try (JournalledDecisionStore store = new JournalledDecisionStore(db, dir, 1_000, Duration.ofSeconds(5),
                Duration.ofMillis(20), 8_000); DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            recorder.record(TestDecisions.assessment(1)); // the first segment, written in place; a spare is asked for
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(spare) && Files.size(spare) == 8_000) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(Files.readAllBytes(spare)).as("the next segment's zeros, written ahead").containsOnly(0);
            Object written = fileKey(spare);
            Thread.sleep(200); // its writer's task returns just after the last byte
            int seq = 1;
            while (segments().size() < 2 && seq < 100) {
                recorder.record(TestDecisions.assessment(++seq)); // until a new segment: the spare, under its name
            }
            assertThat(segments()).extracting(JournalledDecisionStoreTest::fileKey).contains(written);
            assertThat(DecisionChain.verify(store).intact()).isTrue();
        }
        assertThat(spare).as("a clean close leaves no spare").doesNotExist();
        try (JournalledDecisionStore again = journalled(db)) {
            ChainVerification v = DecisionChain.verify(again);
            assertThat(v.intact()).isTrue();
            assertThat(v.headSeq()).isGreaterThan(2);
        }
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDamagedEntryBeforeTheLastSegmentRefusesTheStart() throws Exception {
        Database db = new Database();
        DecisionRecorder before = DecisionRecorder.direct(crashing(new JournalledDecisionStore(db.crashed(), dir,
                1_000, Duration.ofSeconds(5), Duration.ofMillis(20), 100)));
        for (int i = 1; i <= 3; i++) {
            before.record(TestDecisions.assessment(i));
        }
        List<Path> segments = segments();
        assertThat(segments).hasSize(3);
        byte[] first = Files.readAllBytes(segments.get(0));
        first[first.length - 1] ^= 1;
        Files.write(segments.get(0), first);

        assertThatThrownBy(() -> journalled(db)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged").hasMessageContaining(segments.get(0).getFileName().toString());
        assertThat(db.delegate.head()).as("nothing copied from a damaged journal").isEmpty();
    }

    @Test
    void aJournalThatDoesNotContinueTheDatabaseRefusesTheStart() {
        DecisionRecorder before = DecisionRecorder.direct(crashing(new Database()));
        for (int i = 1; i <= 3; i++) {
            before.record(TestDecisions.assessment(i));
        }
        // Another database, whose chain has other records 1 and 2.
        Database other = new Database();
        try (DecisionRecorder recorder = new DecisionRecorder(other)) {
            recorder.record(TestDecisions.assessment(100));
            recorder.record(TestDecisions.assessment(101));
        }
        assertThatThrownBy(() -> journalled(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another database");
        assertThat(other.delegate.head()).map(DecisionStore.Head::seq).contains(2L);
    }

    @Test
    void aFailedIndexTransactionIsRetriedWithoutCopyingARecordTwice() {
        Database db = new Database();
        db.failAfterCommit = true;
        try (JournalledDecisionStore store = journalled(db);
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            for (int i = 1; i <= 5; i++) {
                recorder.record(TestDecisions.assessment(i));
            }
            assertThat(store.range(0, 100)).hasSize(5);
            assertThat(DecisionChain.verify(store).intact()).isTrue();
        }
    }

    @Test
    void whileTheDatabaseIsDownReadsGiveUpAfterTheReadWaitAndTheRecordsFollowOnceItIsBack() {
        Database db = new Database();
        db.down = true;
        try (JournalledDecisionStore store = new JournalledDecisionStore(db, dir, 1_000, Duration.ofMillis(300));
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            DecisionRecord r = recorder.record(TestDecisions.assessment(1));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> store.byDecisionId(r.decision().decisionId()))
                    .isInstanceOf(DecisionRecordsNotReadableException.class)
                    .hasMessageContaining("not yet in the database");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            db.down = false;
            assertThat(store.byDecisionId(r.decision().decisionId())).contains(r);
        }
    }

    @Test
    void beyondTheBacklogNewRecordsAreRefusedAndTheChainHasNoGap() throws InterruptedException {
        Database db = new Database();
        db.down = true;
        try (JournalledDecisionStore store = new JournalledDecisionStore(db, dir, 3, Duration.ofSeconds(5));
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            for (int i = 1; i <= 3; i++) {
                recorder.record(TestDecisions.assessment(i));
            }
            assertThatThrownBy(() -> recorder.record(TestDecisions.assessment(4)))
                    .isInstanceOf(DecisionRecordUnavailableException.class).hasMessageContaining("not keeping up");
            JournalledDecisionStore.Status down = awaitStatus(store, s -> s.failingSince() != null);
            assertThat(down.backlog()).isEqualTo(3);
            assertThat(down.refusingAppends()).isTrue();
            assertThat(down.failure()).isEqualTo(IllegalStateException.class.getName());
            db.down = false;
            assertThat(store.range(0, 10)).as("the backlog drains once the database is back").hasSize(3);
            JournalledDecisionStore.Status back = store.status();
            assertThat(back.backlog()).isZero();
            assertThat(back.refusingAppends()).isFalse();
            assertThat(back.failingSince()).isNull();
            DecisionRecord next = recorder.record(TestDecisions.assessment(5));
            assertThat(next.seq()).isEqualTo(4);
            ChainVerification v = DecisionChain.verify(store);
            assertThat(v.intact()).isTrue();
            assertThat(v.headSeq()).isEqualTo(4);
        }
    }

    private static JournalledDecisionStore.Status awaitStatus(JournalledDecisionStore store,
            java.util.function.Predicate<JournalledDecisionStore.Status> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JournalledDecisionStore.Status s = store.status();
        while (!until.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            s = store.status();
        }
        return s;
    }

    @Test
    void aPurgeGoesToTheDatabaseAfterEverythingBeforeItAndSurvivesARestart() {
        Database db = new Database();
        Instant t0 = TestDecisions.T0;
        try (JournalledDecisionStore store = journalled(db);
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            for (int i = 1; i <= 10; i++) {
                recorder.record(TestDecisions.assessment(i, t0.plus(Duration.ofDays(i))));
            }
            DecisionRecorder.Purged purged = recorder.purge(TestDecisions.purge(t0.plus(Duration.ofDays(20)),
                    t0.plus(Duration.ofDays(4))));
            assertThat(purged.purged()).isEqualTo(3);
            assertThat(purged.record().seq()).isEqualTo(11);
            recorder.record(TestDecisions.assessment(12, t0.plus(Duration.ofDays(21))));
        }
        try (JournalledDecisionStore store = journalled(db);
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            ChainVerification v = DecisionChain.verify(store);
            assertThat(v.intact()).as("%s", v.firstBreak()).isTrue();
            assertThat(v.firstSeq()).isEqualTo(4);
            assertThat(v.headSeq()).isEqualTo(12);
            assertThat(recorder.record(TestDecisions.assessment(13)).seq()).isEqualTo(13);
        }
    }

    @Test
    void segmentsWhoseRecordsAreInTheDatabaseAreDeleted() throws Exception {
        Database db = new Database();
        try (JournalledDecisionStore store = new JournalledDecisionStore(db, dir, 1_000, Duration.ofSeconds(5),
                Duration.ofMillis(1), 300); DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            for (int i = 1; i <= 40; i++) {
                recorder.record(TestDecisions.assessment(i));
            }
            assertThat(store.range(0, 100)).hasSize(40);
            // Deletion follows the index transaction that reached the segment's last record.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (segments().size() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(segments()).as("only the segment being written").hasSize(1);
        }
    }

    @Test
    void aSegmentThatCannotBeBegunRefusesTheRecordAndTheNextOneContinuesTheChain() throws Exception {
        Database db = new Database();
        Path away = dir.resolveSibling(dir.getFileName() + "-away");
        try (JournalledDecisionStore store = new JournalledDecisionStore(db, dir, 1_000, Duration.ofSeconds(5),
                Duration.ofMillis(1), 100); DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            recorder.record(TestDecisions.assessment(1));
            Files.move(dir, away);
            Files.writeString(dir, "not a directory");
            assertThatThrownBy(() -> recorder.record(TestDecisions.assessment(2)))
                    .isInstanceOf(DecisionRecordUnavailableException.class).hasMessageContaining("journal");
            Files.delete(dir);
            Files.move(away, dir);
            DecisionRecord next = recorder.record(TestDecisions.assessment(3));
            assertThat(next.seq()).as("the refused record took no place in the chain").isEqualTo(2);
            ChainVerification v = DecisionChain.verify(store);
            assertThat(v.intact()).isTrue();
            assertThat(v.headSeq()).isEqualTo(2);
        }
    }

    @Test
    void aBatchCutShortByACrashIsNotRestoredInPart() throws Exception {
        Database db = new Database();
        DecisionRecorder before = DecisionRecorder.direct(crashing(db));
        before.record(TestDecisions.assessment(1));
        List<Decision> batch = List.of(TestDecisions.assessment(2), TestDecisions.assessment(3),
                TestDecisions.assessment(4));
        before.record(batch);
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        int end = bytes.length;
        while (bytes[end - 1] == 0) {
            end--;
        }
        // The batch's entry lost its last bytes, as a copy interrupted by kill -9 leaves it.
        java.util.Arrays.fill(bytes, end - 40, end, (byte) 0);
        Files.write(segment, bytes);

        try (JournalledDecisionStore store = journalled(db)) {
            assertThat(db.delegate.range(0, 10)).extracting(DecisionRecord::seq).as("the batch whole or not at all")
                    .containsExactly(1L);
            assertThat(DecisionChain.verify(store).intact()).isTrue();
        }
    }

    @Test
    void aRecordTheDatabaseWouldRefuseIsRefusedBeforeItIsJournalled() {
        Database db = new Database();
        db.refusedClient = "clinic-a";
        try (JournalledDecisionStore store = journalled(db);
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            assertThatThrownBy(() -> recorder.record(TestDecisions.assessment(1)))
                    .isInstanceOf(DecisionRecordUnavailableException.class).hasMessageContaining("client_id");
            db.refusedClient = null;
            assertThat(recorder.record(TestDecisions.assessment(2)).seq()).isEqualTo(1);
            assertThat(store.range(0, 10)).hasSize(1);
        }
    }

    @Test
    void aPurgeLeavesNoPurgedRequestInTheJournal() throws Exception {
        Database db = new Database();
        Instant t0 = TestDecisions.T0;
        try (JournalledDecisionStore store = journalled(db);
                DecisionRecorder recorder = DecisionRecorder.direct(store)) {
            for (int i = 1; i <= 5; i++) {
                recorder.record(TestDecisions.assessment(i, t0.plus(Duration.ofDays(i))));
            }
            assertThat(segments()).hasSize(1);
            recorder.purge(TestDecisions.purge(t0.plus(Duration.ofDays(20)), t0.plus(Duration.ofDays(10))));
            assertThat(segments()).as("every record was in the database: the journal is emptied").isEmpty();
            assertThat(recorder.record(TestDecisions.assessment(7, t0.plus(Duration.ofDays(21)))).seq())
                    .isEqualTo(7);
            assertThat(DecisionChain.verify(store).intact()).isTrue();
        }
    }

    @Test
    void bytesAfterTheEndOfTheNewestSegmentAreDamageNotATornWrite() throws Exception {
        Database db = new Database();
        DecisionRecorder before = DecisionRecorder.direct(crashing(db));
        before.record(TestDecisions.assessment(1));
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 10] = 7;
        Files.write(segment, bytes);
        assertThatThrownBy(() -> journalled(db)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }
}
