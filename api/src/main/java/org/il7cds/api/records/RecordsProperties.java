package org.il7cds.api.records;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Decision records ({@code il7cds.records.*}).
 *
 * @param commitWait how long a request waits for its record to be committed before it answers 503
 *     decision-record-unavailable
 * @param maxPending decisions waiting for the writer beyond which a request is refused at once (503)
 * @param keepAnswerText keep the whole answer text of every assessment too; by default an assessment's record keeps
 *     its verdict, criterion statuses and the digest of its answer, and replay rebuilds the text exactly
 *     (bench/RESULTS.md measures both). Calendars, refusals and purges always keep their whole answer.
 * @param gatherWait how long a commit may wait for the decisions of requests that arrived before it (group commit:
 *     one commit for more records costs less CPU per record; bench/RESULTS.md); zero: commit what is waiting at once.
 *     Not used with the journal.
 * @param journal whether an answer's record is made durable in an append-only journal beside the H2 database
 *     file (and copied into the database in the background: engine {@code JournalledDecisionStore}) rather than by
 *     a database commit per group of answers: {@code auto} (the default) uses it with the embedded H2
 *     file database, whose commits cost the most, and not with another database; {@code on} and {@code off} decide
 *     it. With the journal on in front of another database, it is under {@code il7cds.data-dir}, which must then be
 *     kept as the database is.
 * @param journalSegmentSize the size of one journal file (written with zeros when it is begun; deleted once its
 *     records are in the database)
 */
@ConfigurationProperties("il7cds.records")
record RecordsProperties(@DefaultValue("5s") Duration commitWait, @DefaultValue("20000") int maxPending,
        @DefaultValue("false") boolean keepAnswerText, @DefaultValue("6ms") Duration gatherWait,
        @DefaultValue("auto") Journal journal, @DefaultValue("16MB") DataSize journalSegmentSize) {

    /** {@code il7cds.records.journal}. */
    enum Journal {
        AUTO, ON, OFF;

        /** Whether to journal records in front of the database at {@code jdbcUrl}. */
        boolean usedFor(String jdbcUrl) {
            return this == ON || this == AUTO && jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:file:");
        }
    }
}
