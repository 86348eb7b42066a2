package org.il7cds.engine.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A store around the in-memory one that forwards everything: the tests' failing stores override what fails. */
abstract class ForwardingDecisionStore implements DecisionStore {

    final InMemoryDecisionStore delegate;

    ForwardingDecisionStore(InMemoryDecisionStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Head> head() {
        return delegate.head();
    }

    @Override
    public void append(List<DecisionRecord> records) {
        delegate.append(records);
    }

    @Override
    public long purge(long throughSeq, long expected, DecisionRecord purgeRecord) {
        return delegate.purge(throughSeq, expected, purgeRecord);
    }

    @Override
    public long purgeableThrough(Instant cutoff) {
        return delegate.purgeableThrough(cutoff);
    }

    @Override
    public Optional<DecisionRecord> bySeq(long seq) {
        return delegate.bySeq(seq);
    }

    @Override
    public Optional<DecisionRecord> byDecisionId(String decisionId) {
        return delegate.byDecisionId(decisionId);
    }

    @Override
    public Optional<DecisionRecord> latestCalendar(String calendarId) {
        return delegate.latestCalendar(calendarId);
    }

    @Override
    public List<DecisionRecord> find(Query query) {
        return delegate.find(query);
    }

    @Override
    public List<DecisionRecord> range(long afterSeq, int limit) {
        return delegate.range(afterSeq, limit);
    }
}
