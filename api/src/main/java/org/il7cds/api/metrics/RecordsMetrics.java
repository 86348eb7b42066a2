package org.il7cds.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.il7cds.engine.records.DecisionStore;
import org.il7cds.engine.records.JournalledDecisionStore;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The decision journal as operators watch it (only when the records go through one: the embedded H2 default):
 * {@code il7cds_records_journal_backlog}, records answered and journalled but not yet copied into the database;
 * {@code il7cds_records_journal_backlog_limit}, the backlog at which answers are refused 503; and
 * {@code il7cds_records_index_failing}, 1 while the copy into the database fails (reads of the records then wait,
 * and answer 503 after {@code il7cds.records.commit-wait}).
 */
@Component
class RecordsMetrics implements InitializingBean {

    private final DecisionStore store;
    private final MeterRegistry meters;

    RecordsMetrics(DecisionStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @Override
    public void afterPropertiesSet() {
        if (!(store instanceof JournalledDecisionStore journal)) {
            return;
        }
        Gauge.builder("il7cds.records.journal.backlog", journal, j -> j.status().backlog())
                .description("Decision records journalled but not yet copied into the database").register(meters);
        Gauge.builder("il7cds.records.journal.backlog.limit", journal, j -> j.status().maxBacklog())
                .description("The backlog at which new answers are refused (503 decision-record-unavailable)")
                .register(meters);
        Gauge.builder("il7cds.records.index.failing", journal, j -> j.status().failingSince() == null ? 0 : 1)
                .description("1 while copying the journal into the database fails").register(meters);
    }
}
