package org.il7cds.api.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.il7cds.engine.records.ChainVerification;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionChain;
import org.il7cds.engine.records.DecisionRecord;
import org.il7cds.engine.records.DecisionRecordUnavailableException;
import org.il7cds.engine.records.DecisionRecorder;
import org.il7cds.engine.records.DecisionStore;
import org.il7cds.engine.records.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The decision store on each database the service supports (the subclasses give a new one, migrated by the
 * service's Flyway migrations): records read back exactly as written, so that their hashes verify; a record
 * changed or deleted directly in the database is found by the chain verification; purges keep it verifiable.
 */
abstract class JdbcDecisionStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-05T08:30:00.123456Z");

    private DataSource database;
    private JdbcTemplate jdbc;
    private JdbcDecisionStore store;

    /** A new, empty, migrated database. */
    abstract DataSource newDatabase();

    @BeforeEach
    void open() {
        DataSource ds = newDatabase();
        database = ds;
        jdbc = new JdbcTemplate(ds);
        store = new JdbcDecisionStore(jdbc, new DataSourceTransactionManager(ds));
    }

    private static Decision decision(int i, Instant at, Operation operation, String client, String verdict) {
        String answer = operation == Operation.CALENDAR ? "{\"calendarId\":\"cal-" + i + "\",\"note\":\"µg ✓\"}" : null;
        String digest = DecisionChain.digest(("answer " + i).getBytes(StandardCharsets.UTF_8));
        return new Decision(UUID.randomUUID().toString(), at, "Europe/Paris", client, operation, "levy-2009", "1.0.1",
                "sha256:" + "5".repeat(64), LocalDate.of(2026, 1, 5),
                "{\"candidate\":{\"pseudonymId\":\"CAND-" + i + "\",\"currentDrugs\":[\"Élvitégravir\", \"🧪\\\"q\\\"\"]}}",
                operation == Operation.CALENDAR && verdict.equals("NOT_ELIGIBLE") ? 422 : 200, verdict,
                operation == Operation.CALENDAR ? null : "adult=MET;cd4-count=" + (i % 2 == 0 ? "MET" : "UNKNOWN"),
                operation == Operation.CALENDAR ? "cal-" + (i % 3) : null, answer, digest);
    }

    private static Decision decision(int i, Instant at) {
        return decision(i, at, Operation.ASSESSMENT, "clinic-a", "ELIGIBLE");
    }

    private List<DecisionRecord> recordDaily(DecisionRecorder recorder, int n) {
        List<DecisionRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(recorder.record(decision(i, T0.plus(Duration.ofDays(i)))));
        }
        return out;
    }

    @Test
    void concurrentRecordsReadBackExactlyAndAreFoundByWhatAuditorsAskFor() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<DecisionRecord> written = new ArrayList<>();
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            List<Future<List<DecisionRecord>>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    List<DecisionRecord> mine = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        int n = thread * 100 + i;
                        Operation op = i % 5 == 0 ? Operation.CALENDAR : i % 2 == 0 ? Operation.ASSESSMENT
                                : Operation.BATCH_ITEM;
                        List<Decision> ds = new ArrayList<>();
                        ds.add(decision(n, T0.plusMillis(n), op, "clinic-" + thread, i % 3 == 0 ? "NOT_ELIGIBLE"
                                : "ELIGIBLE"));
                        if (op == Operation.BATCH_ITEM) {
                            ds.add(decision(n + 50, T0.plusMillis(n), op, "clinic-" + thread, "INCOMPLETE"));
                        }
                        mine.addAll(recorder.record(ds));
                    }
                    return mine;
                }));
            }
            for (Future<List<DecisionRecord>> f : done) {
                written.addAll(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        ChainVerification v = DecisionChain.verify(store);
        assertThat(v.intact()).as("%s", v.firstBreak()).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(written.size());
        for (DecisionRecord r : written) {
            assertThat(store.byDecisionId(r.decision().decisionId())).as("read back exactly").contains(r);
        }
        assertThat(store.head()).contains(new DecisionStore.Head(v.headSeq(), v.headHash()));

        List<DecisionRecord> clinic2NotEligible = store.find(new DecisionStore.Query(null, null, "clinic-2",
                "levy-2009", "NOT_ELIGIBLE", null, 0, 1000));
        assertThat(clinic2NotEligible).isNotEmpty().allSatisfy(r -> {
            assertThat(r.decision().clientId()).isEqualTo("clinic-2");
            assertThat(r.decision().verdict()).isEqualTo("NOT_ELIGIBLE");
        });
        assertThat(clinic2NotEligible).hasSize((int) written.stream().filter(r -> r.decision().clientId()
                .equals("clinic-2") && "NOT_ELIGIBLE".equals(r.decision().verdict())).count());
        List<DecisionRecord> page = store.find(new DecisionStore.Query(T0.plusMillis(100), T0.plusMillis(200), null,
                null, null, Operation.BATCH_ITEM, 2, 3));
        assertThat(page).hasSize(3).allSatisfy(r -> {
            assertThat(r.decision().operation()).isEqualTo(Operation.BATCH_ITEM);
            assertThat(r.decision().at()).isBetween(T0.plusMillis(100), T0.plusMillis(199));
        });
        assertThat(page.get(0).decision().at()).as("newest first").isAfterOrEqualTo(page.get(2).decision().at());
        DecisionRecord latest = written.stream().filter(r -> "cal-1".equals(r.decision().calendarId()))
                .max(java.util.Comparator.comparingLong(DecisionRecord::seq)).orElseThrow();
        assertThat(store.latestCalendar("cal-1")).contains(latest);
        assertThat(store.range(10, 5)).extracting(DecisionRecord::seq).containsExactly(11L, 12L, 13L, 14L, 15L);
    }

    /**
     * The pool retires its connections (Hikari: after 30 minutes), the one that ran the migrations among them, while
     * the database stays open: every operation is still recorded, and an unknown one still refused. With H2 2.4.240
     * a CHECK constraint added by the migrating connection refused every insert once that connection had closed, so
     * every answer was refused half an hour after the first start (migration V6).
     */
    @Test
    void recordsAreTakenAfterThePoolRetiresTheConnectionThatMigrated() throws Exception {
        HikariDataSource pool = (HikariDataSource) database;
        try (Connection keepsTheDatabaseOpen = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                pool.getPassword())) {
            pool.getHikariPoolMXBean().softEvictConnections();
            List<Decision> every = new ArrayList<>();
            for (Operation op : Operation.values()) {
                every.add(decision(every.size(), T0.plusMillis(every.size()), op, "clinic-a", "ELIGIBLE"));
            }
            try (DecisionRecorder recorder = new DecisionRecorder(store)) {
                assertThat(recorder.record(every)).extracting(r -> r.decision().operation())
                        .containsExactly(Operation.values());
            }
            assertThat(DecisionChain.verify(store).intact()).isTrue();
            assertThatThrownBy(() -> jdbc.update("UPDATE decision_record SET operation = 'nonsense' WHERE seq = 1"))
                    .as("an operation the service does not know").isInstanceOf(DataIntegrityViolationException.class);
            assertThat(keepsTheDatabaseOpen.isValid(1)).isTrue();
        }
    }

    @Test
    void aRecordChangedOrDeletedInTheDatabaseIsFound() {
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            recordDaily(recorder, 12);
        }
        assertThat(DecisionChain.verify(store).intact()).isTrue();

        jdbc.update("UPDATE decision_record SET verdict = 'NOT_ELIGIBLE' WHERE seq = 5");
        ChainVerification changed = DecisionChain.verify(store);
        assertThat(changed.intact()).isFalse();
        assertThat(changed.firstBreak().seq()).isEqualTo(5);
        assertThat(changed.firstBreak().kind()).isEqualTo(ChainVerification.Kind.ALTERED);

        jdbc.update("UPDATE decision_record SET verdict = 'ELIGIBLE' WHERE seq = 5");
        jdbc.update("UPDATE decision_record SET decided_at = ? WHERE seq = 3",
                java.time.OffsetDateTime.parse("2026-01-08T08:30:00.123457Z"));
        assertThat(DecisionChain.verify(store).firstBreak().seq()).as("a moved time").isEqualTo(3);
        jdbc.update("UPDATE decision_record SET decided_at = ? WHERE seq = 3",
                java.time.OffsetDateTime.parse("2026-01-08T08:30:00.123456Z"));
        assertThat(DecisionChain.verify(store).intact()).as("restored").isTrue();

        jdbc.update("DELETE FROM decision_record WHERE seq = 7");
        ChainVerification deleted = DecisionChain.verify(store);
        assertThat(deleted.firstBreak().seq()).isEqualTo(7);
        assertThat(deleted.firstBreak().kind()).isEqualTo(ChainVerification.Kind.MISSING);
    }

    @Test
    void purgesKeepTheChainVerifiableAndAPrefixDeletedWithoutOneIsFound() {
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            recordDaily(recorder, 10);
            DecisionRecorder.Purged purged = recorder.purge(new DecisionRecorder.PurgeOrder(UUID.randomUUID()
                    .toString(), T0.plus(Duration.ofDays(40)), "UTC", "records-office", "{\"olderThanDays\":36}",
                    T0.plus(Duration.ofDays(4))));
            assertThat(purged.purged()).isEqualTo(3);
            assertThat(purged.record().seq()).isEqualTo(11);
            recorder.record(decision(11, T0.plus(Duration.ofDays(41))));
        }
        ChainVerification v = DecisionChain.verify(store);
        assertThat(v.intact()).as("%s", v.firstBreak()).isTrue();
        assertThat(v.firstSeq()).isEqualTo(4);
        assertThat(v.headSeq()).isEqualTo(12);
        assertThat(store.bySeq(3)).isEmpty();

        // A purge that would find records missing in what it deletes changes nothing.
        jdbc.update("DELETE FROM decision_record WHERE seq = 5");
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            assertThatThrownBy(() -> recorder.purge(new DecisionRecorder.PurgeOrder(UUID.randomUUID().toString(),
                    T0.plus(Duration.ofDays(50)), "UTC", "records-office", "{}", T0.plus(Duration.ofDays(8)))))
                    .isInstanceOf(DecisionRecordUnavailableException.class);
        }
        assertThat(store.bySeq(4)).as("the failed purge deleted nothing").isPresent();
        assertThat(store.head()).map(DecisionStore.Head::seq).contains(12L);

        jdbc.update("DELETE FROM decision_record WHERE seq <= 6");
        ChainVerification prefix = DecisionChain.verify(store);
        assertThat(prefix.firstBreak().seq()).isEqualTo(7);
        assertThat(prefix.firstBreak().kind()).isEqualTo(ChainVerification.Kind.UNANCHORED);
    }
}
