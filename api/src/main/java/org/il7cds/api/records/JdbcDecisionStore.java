package org.il7cds.api.records;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionRecord;
import org.il7cds.engine.records.DecisionStore;
import org.il7cds.engine.records.Operation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision records in the relational database (table {@code decision_record}, migration V2), through Spring's
 * JDBC support. Appends are one JDBC batch in one transaction; a purge deletes and appends in one transaction.
 * The SQL is portable: the same statements run on H2 and on PostgreSQL.
 */
final class JdbcDecisionStore implements DecisionStore {

    private static final String COLUMNS = "seq, decision_id, decided_at, time_zone, client_id, operation,"
            + " protocol_id, rules_version, rules_hash, as_of, request_json, answer_status, verdict, criteria,"
            + " calendar_id, answer_json, answer_digest, previous_hash, record_hash";
    private static final String INSERT = "INSERT INTO decision_record (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM decision_record";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate transaction;

    JdbcDecisionStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Optional<Head> head() {
        return client.sql("SELECT seq, record_hash FROM decision_record ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional();
    }

    @Override
    public void append(List<DecisionRecord> records) {
        transaction.executeWithoutResult(status -> insert(records));
    }

    @Override
    public long purge(long throughSeq, long expected, DecisionRecord purgeRecord) {
        return transaction.execute(status -> {
            int deleted = jdbc.update("DELETE FROM decision_record WHERE seq <= ?", throughSeq);
            if (deleted != expected) {
                throw new IllegalStateException("a purge through record " + throughSeq + " would delete " + deleted
                        + " records, not " + expected + ": records are missing; verify the decision chain");
            }
            insert(List.of(purgeRecord));
            return (long) deleted;
        });
    }

    @Override
    public long purgeableThrough(Instant cutoff) {
        Long firstYoung = client.sql("SELECT MIN(seq) FROM decision_record WHERE decided_at >= ?")
                .param(utc(cutoff)).query(Long.class).single();
        Long first = client.sql("SELECT MIN(seq) FROM decision_record").query(Long.class).single();
        if (first == null) {
            return 0;
        }
        if (firstYoung == null) {
            return client.sql("SELECT MAX(seq) FROM decision_record").query(Long.class).single();
        }
        return firstYoung - 1 < first ? 0 : firstYoung - 1;
    }

    @Override
    public Optional<DecisionRecord> bySeq(long seq) {
        return client.sql(SELECT + " WHERE seq = ?").param(seq).query(ROW).optional();
    }

    @Override
    public Optional<DecisionRecord> byDecisionId(String decisionId) {
        return client.sql(SELECT + " WHERE decision_id = ?").param(decisionId).query(ROW).optional();
    }

    @Override
    public Optional<DecisionRecord> latestCalendar(String calendarId) {
        return client.sql(SELECT + " WHERE calendar_id = ? ORDER BY seq DESC LIMIT 1").param(calendarId).query(ROW)
                .optional();
    }

    @Override
    public List<DecisionRecord> find(Query q) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND decided_at >= ?");
            params.add(utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND decided_at < ?");
            params.add(utc(q.to()));
        }
        if (q.clientId() != null) {
            sql.append(" AND client_id = ?");
            params.add(q.clientId());
        }
        if (q.protocolId() != null) {
            sql.append(" AND protocol_id = ?");
            params.add(q.protocolId());
        }
        if (q.verdict() != null) {
            sql.append(" AND verdict = ?");
            params.add(q.verdict());
        }
        if (q.operation() != null) {
            sql.append(" AND operation = ?");
            params.add(q.operation().wire());
        }
        sql.append(" ORDER BY decided_at DESC, seq DESC LIMIT ? OFFSET ?");
        params.add(q.limit());
        params.add(q.offset());
        return client.sql(sql.toString()).params(params).query(ROW).list();
    }

    @Override
    public List<DecisionRecord> range(long afterSeq, int limit) {
        return client.sql(SELECT + " WHERE seq > ? ORDER BY seq LIMIT ?").params(afterSeq, limit).query(ROW).list();
    }

    /** The sizes of the table's VARCHAR columns (migration V2): a longer value would make the insert fail. */
    @Override
    public void admit(DecisionRecord r) {
        Decision d = r.decision();
        fits("decision_id", d.decisionId(), 36);
        fits("time_zone", d.zone(), 64);
        fits("client_id", d.clientId(), 64);
        fits("operation", d.operation().wire(), 20);
        fits("protocol_id", d.protocolId(), 64);
        fits("rules_version", d.rulesVersion(), 100);
        fits("rules_hash", d.rulesHash(), 71);
        fits("verdict", d.verdict(), 20);
        fits("calendar_id", d.calendarId(), 200);
        fits("answer_digest", d.answerDigest(), 71);
        fits("previous_hash", r.previousHash(), 71);
        fits("record_hash", r.hash(), 71);
    }

    private static void fits(String column, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new IllegalArgumentException(column + " is longer than " + max + " characters");
        }
    }

    private void insert(List<DecisionRecord> records) {
        jdbc.batchUpdate(INSERT, records, records.size(), JdbcDecisionStore::bind);
    }

    private static void bind(PreparedStatement ps, DecisionRecord r) throws SQLException {
        Decision d = r.decision();
        ps.setLong(1, r.seq());
        ps.setString(2, d.decisionId());
        ps.setObject(3, utc(d.at()));
        ps.setString(4, d.zone());
        ps.setString(5, d.clientId());
        ps.setString(6, d.operation().wire());
        ps.setString(7, d.protocolId());
        ps.setString(8, d.rulesVersion());
        ps.setString(9, d.rulesHash());
        if (d.asOf() == null) {
            ps.setNull(10, Types.DATE);
        } else {
            ps.setObject(10, d.asOf());
        }
        ps.setString(11, d.request());
        ps.setInt(12, d.status());
        ps.setString(13, d.verdict());
        ps.setString(14, d.criteria());
        ps.setString(15, d.calendarId());
        ps.setString(16, d.answer());
        ps.setString(17, d.answerDigest());
        ps.setString(18, r.previousHash());
        ps.setString(19, r.hash());
    }

    private static final RowMapper<DecisionRecord> ROW = JdbcDecisionStore::read;

    private static DecisionRecord read(ResultSet rs, int row) throws SQLException {
        long seq = rs.getLong("seq");
        String operation = rs.getString("operation");
        Decision d = new Decision(rs.getString("decision_id"),
                rs.getObject("decided_at", OffsetDateTime.class).toInstant(), rs.getString("time_zone"),
                rs.getString("client_id"), Operation.parse(operation).orElseThrow(() ->
                        new IllegalStateException("record " + seq + " has an unknown operation")),
                rs.getString("protocol_id"), rs.getString("rules_version"), rs.getString("rules_hash"),
                rs.getObject("as_of", LocalDate.class), rs.getString("request_json"), rs.getInt("answer_status"),
                rs.getString("verdict"), rs.getString("criteria"), rs.getString("calendar_id"),
                rs.getString("answer_json"), rs.getString("answer_digest"));
        return new DecisionRecord(seq, d, rs.getString("previous_hash"), rs.getString("record_hash"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
