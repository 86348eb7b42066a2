package org.il7cds.api.records;

import org.il7cds.engine.records.DecisionStore;
import org.il7cds.engine.records.JournalledDecisionStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code decisionRecords} component of {@code /actuator/health}: DOWN while the journal's backlog is full, when
 * every answer is refused 503 (the database has not taken the journal's records for a while). A database that is
 * behind but not yet full leaves it UP: answers are still recorded (in the journal), reads wait for the copy; the
 * metrics {@code il7cds_records_journal_backlog} and {@code il7cds_records_index_failing} show it. Without a
 * journal (PostgreSQL, or {@code il7cds.records.journal=off}), UP: a refused record is the request's 503 itself.
 */
@Component("decisionRecords")
class DecisionRecordsHealth implements HealthIndicator {

    private final DecisionStore store;

    DecisionRecordsHealth(DecisionStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        if (!(store instanceof JournalledDecisionStore journalled)) {
            return Health.up().withDetail("journal", false).build();
        }
        JournalledDecisionStore.Status s = journalled.status();
        Health.Builder health = s.refusingAppends() ? Health.down() : Health.up();
        health.withDetail("journal", true).withDetail("backlog", s.backlog()).withDetail("maxBacklog", s.maxBacklog());
        if (s.failingSince() != null) {
            health.withDetail("databaseFailingSince", s.failingSince().toString()).withDetail("failure", s.failure());
        }
        return health.build();
    }
}
