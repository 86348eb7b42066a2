package org.il7cds.api.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.il7cds.engine.authoring.Activation;
import org.il7cds.engine.authoring.ImpactPreview;
import org.il7cds.engine.authoring.Proposal;
import org.il7cds.engine.authoring.RulesStore;
import org.il7cds.engine.authoring.StoredVersion;
import org.il7cds.engine.authoring.ValidationReport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine's {@link RulesStore} in the service's database (schema: {@code db/migration/V1__rules_governance.sql}).
 * Each write is one transaction, so a killed process leaves either all of an activation (version, files, history
 * entry) or none of it. Reports and impact previews are stored as the JSON the API answers with (written by the
 * functions it is given, read back as text: this class knows no contract DTO).
 */
public class JdbcRulesStore implements RulesStore {

    private static final String ACTIVATION_COLUMNS = "a.id, a.version_id, v.version_label, v.content_hash, v.origin,"
            + " a.kind, a.actor, a.reason, a.at, a.restores_to, a.proposal_id";
    private static final String ACTIVATIONS = "SELECT " + ACTIVATION_COLUMNS
            + " FROM rules_activation a JOIN rules_version v ON v.id = a.version_id";
    private static final String VERSIONS = "SELECT id, version_label, content_hash, origin, stored_at, stored_by"
            + " FROM rules_version";
    private static final String PROPOSALS = "SELECT p.id, p.version_id, v.version_label, v.content_hash,"
            + " p.proposed_by, p.proposed_at, p.reason, p.status, p.decided_by, p.decided_at, p.decision_note"
            + " FROM rules_proposal p JOIN rules_version v ON v.id = p.version_id";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Function<ValidationReport, String> reportJson;
    private final Function<List<ImpactPreview.Report>, String> impactJson;

    public JdbcRulesStore(JdbcClient jdbc, TransactionTemplate transactions,
            Function<ValidationReport, String> reportJson, Function<List<ImpactPreview.Report>, String> impactJson) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.reportJson = reportJson;
        this.impactJson = impactJson;
    }

    @Override
    public Optional<Activation> current() {
        return jdbc.sql(ACTIVATIONS + " WHERE a.id = (SELECT MAX(id) FROM rules_activation)")
                .query(JdbcRulesStore::activation).optional();
    }

    @Override
    public List<Activation> activations() {
        return jdbc.sql(ACTIVATIONS + " ORDER BY a.id").query(JdbcRulesStore::activation).list();
    }

    @Override
    public Optional<Activation> activation(int id) {
        return jdbc.sql(ACTIVATIONS + " WHERE a.id = ?").param(id).query(JdbcRulesStore::activation).optional();
    }

    @Override
    public List<StoredVersion> versions() {
        return jdbc.sql(VERSIONS + " ORDER BY id").query(JdbcRulesStore::version).list();
    }

    @Override
    public Optional<StoredVersion> version(int id) {
        return jdbc.sql(VERSIONS + " WHERE id = ?").param(id).query(JdbcRulesStore::version).optional();
    }

    @Override
    public Optional<StoredVersion> versionByHash(String contentHash) {
        return jdbc.sql(VERSIONS + " WHERE content_hash = ?").param(contentHash).query(JdbcRulesStore::version)
                .optional();
    }

    @Override
    public Optional<StoredVersion> versionByLabel(String version) {
        return jdbc.sql(VERSIONS + " WHERE version_label = ?").param(version).query(JdbcRulesStore::version)
                .optional();
    }

    @Override
    public SortedMap<String, String> files(int versionId) {
        SortedMap<String, String> files = new TreeMap<>();
        jdbc.sql("SELECT path, content FROM rules_file WHERE version_id = ?").param(versionId)
                .query(rs -> {
                    files.put(rs.getString(1), rs.getString(2));
                });
        return files;
    }

    /** The validation report a stored version passed, as the API's JSON. */
    public Optional<String> reportJson(int versionId) {
        return jdbc.sql("SELECT validation_report FROM rules_version WHERE id = ?").param(versionId)
                .query(String.class).optional();
    }

    /** The impact preview stored with a proposal, as the API's JSON (an array, one report per protocol). */
    public Optional<String> impactJson(int proposalId) {
        return jdbc.sql("SELECT impact_preview FROM rules_proposal WHERE id = ?").param(proposalId)
                .query(String.class).optional();
    }

    @Override
    public Activation activate(PendingActivation a) {
        return transactions.execute(status -> {
            int versionId = a.newVersion() != null ? insertVersion(a.newVersion()) : a.versionId();
            int id = insertActivation(versionId, a.kind(), a.actor(), a.reason(), a.at(), a.restoresTo(), null,
                    a.report());
            return activation(id).orElseThrow();
        });
    }

    @Override
    public Proposal propose(Integer versionId, NewVersion newVersion, String proposedBy, String reason, Instant at,
            ValidationReport report, List<ImpactPreview.Report> impact) {
        return transactions.execute(status -> {
            int version = newVersion != null ? insertVersion(newVersion) : versionId;
            int id = next("rules_proposal");
            jdbc.sql("INSERT INTO rules_proposal (id, version_id, proposed_by, proposed_at, reason, impact_preview,"
                            + " status) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(id, version, proposedBy, time(at), reason,
                            impactJson.apply(impact),
                            Proposal.Status.OPEN.wire())
                    .update();
            return proposal(id).orElseThrow();
        });
    }

    @Override
    public List<Proposal> proposals() {
        return jdbc.sql(PROPOSALS + " ORDER BY p.id").query(JdbcRulesStore::proposal).list();
    }

    @Override
    public Optional<Proposal> proposal(int id) {
        return jdbc.sql(PROPOSALS + " WHERE p.id = ?").param(id).query(JdbcRulesStore::proposal).optional();
    }

    @Override
    public Activation approve(int proposalId, String approver, String note, Instant at, Integer restoresTo,
            ValidationReport report) {
        return transactions.execute(status -> {
            Proposal p = close(proposalId, Proposal.Status.APPROVED, approver, note, at);
            int id = insertActivation(p.versionId(), Activation.Kind.APPROVAL, approver, note, at, restoresTo,
                    proposalId, report);
            return activation(id).orElseThrow();
        });
    }

    @Override
    public Proposal withdraw(int proposalId, String actor, String note, Instant at) {
        return transactions.execute(status -> close(proposalId, Proposal.Status.WITHDRAWN, actor, note, at));
    }

    private Proposal close(int proposalId, Proposal.Status status, String actor, String note, Instant at) {
        // Only an open proposal closes: a concurrent decision leaves no row to update, and the caller is told.
        int updated = jdbc.sql("UPDATE rules_proposal SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?"
                        + " WHERE id = ? AND status = ?")
                .params(status.wire(), actor, time(at), note, proposalId, Proposal.Status.OPEN.wire()).update();
        if (updated != 1) {
            throw new IllegalStateException("proposal #" + proposalId + " is not open");
        }
        return proposal(proposalId).orElseThrow();
    }

    private int insertVersion(NewVersion v) {
        int id = next("rules_version");
        jdbc.sql("INSERT INTO rules_version (id, version_label, content_hash, origin, stored_at, stored_by,"
                        + " validation_report) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, v.report().version(), v.bundle().contentHash(), v.origin(), time(v.at()), v.storedBy(),
                        reportJson.apply(v.report()))
                .update();
        v.bundle().files().forEach((path, bytes) -> jdbc.sql(
                        "INSERT INTO rules_file (version_id, path, content) VALUES (?, ?, ?)")
                .params(id, path, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).update());
        return id;
    }

    private int insertActivation(int versionId, Activation.Kind kind, String actor, String reason, Instant at,
            Integer restoresTo, Integer proposalId, ValidationReport report) {
        int id = next("rules_activation");
        jdbc.sql("INSERT INTO rules_activation (id, version_id, kind, actor, reason, at, restores_to, proposal_id,"
                        + " validation_report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, versionId, kind.wire(), actor, reason, time(at), restoresTo, proposalId,
                        reportJson.apply(report)).update();
        return id;
    }

    /** The next id of a table; writes are serialised by the registry, and the primary key refuses any race. */
    private int next(String table) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table).query(Integer.class).single();
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Activation activation(ResultSet rs, int row) throws SQLException {
        return new Activation(rs.getInt("id"), rs.getInt("version_id"), rs.getString("version_label"),
                rs.getString("content_hash"), rs.getString("origin"),
                Activation.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)), rs.getString("actor"),
                rs.getString("reason"), instant(rs, "at"), nullableInt(rs, "restores_to"),
                nullableInt(rs, "proposal_id"));
    }

    private static StoredVersion version(ResultSet rs, int row) throws SQLException {
        return new StoredVersion(rs.getInt("id"), rs.getString("version_label"), rs.getString("content_hash"),
                rs.getString("origin"), instant(rs, "stored_at"), rs.getString("stored_by"));
    }

    private static Proposal proposal(ResultSet rs, int row) throws SQLException {
        return new Proposal(rs.getInt("id"), rs.getInt("version_id"), rs.getString("version_label"),
                rs.getString("content_hash"), rs.getString("proposed_by"), instant(rs, "proposed_at"),
                rs.getString("reason"), Proposal.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("decision_note"));
    }
}
