package org.il7cds.api.records;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 *     one commit for more records costs less CPU per record; bench/RESULTS.md); zero: commit what is waiting at once
 */
@ConfigurationProperties("il7cds.records")
record RecordsProperties(@DefaultValue("5s") Duration commitWait, @DefaultValue("20000") int maxPending,
        @DefaultValue("false") boolean keepAnswerText, @DefaultValue("6ms") Duration gatherWait) {
}
