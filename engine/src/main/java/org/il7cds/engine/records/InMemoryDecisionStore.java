package org.il7cds.engine.records;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A {@link DecisionStore} in memory, for the engine's tests and the benchmarks: nothing survives the process. The
 * service's database store (api module) is tested against the same behaviour. {@link #tamper} changes stored
 * records behind the chain's back, as someone with access to the database could.
 */
public final class InMemoryDecisionStore implements DecisionStore {

    private final NavigableMap<Long, DecisionRecord> records = new TreeMap<>();

    @Override
    public synchronized Optional<Head> head() {
        Map.Entry<Long, DecisionRecord> last = records.lastEntry();
        return last == null ? Optional.empty() : Optional.of(new Head(last.getKey(), last.getValue().hash()));
    }

    @Override
    public synchronized void append(List<DecisionRecord> appended) {
        long next = records.isEmpty() ? 1 : records.lastKey() + 1;
        for (DecisionRecord r : appended) {
            if (r.seq() != next++) {
                throw new IllegalStateException("record " + r.seq() + " does not continue the chain");
            }
        }
        appended.forEach(r -> records.put(r.seq(), r));
    }

    @Override
    public synchronized long purge(long throughSeq, long expected, DecisionRecord purgeRecord) {
        NavigableMap<Long, DecisionRecord> old = records.headMap(throughSeq, true);
        if (old.size() != expected) {
            throw new IllegalStateException(old.size() + " records up to " + throughSeq + ", not " + expected);
        }
        old.clear();
        records.put(purgeRecord.seq(), purgeRecord);
        return expected;
    }

    @Override
    public synchronized long purgeableThrough(Instant cutoff) {
        long through = 0;
        for (DecisionRecord r : records.values()) {
            if (!r.decision().at().isBefore(cutoff)) {
                break;
            }
            through = r.seq();
        }
        return through;
    }

    @Override
    public synchronized Optional<DecisionRecord> bySeq(long seq) {
        return Optional.ofNullable(records.get(seq));
    }

    @Override
    public synchronized Optional<DecisionRecord> byDecisionId(String decisionId) {
        return records.values().stream().filter(r -> r.decision().decisionId().equals(decisionId)).findFirst();
    }

    @Override
    public synchronized Optional<DecisionRecord> latestCalendar(String calendarId) {
        return records.descendingMap().values().stream()
                .filter(r -> calendarId.equals(r.decision().calendarId())).findFirst();
    }

    @Override
    public synchronized List<DecisionRecord> find(Query q) {
        return records.descendingMap().values().stream()
                .filter(r -> q.from() == null || !r.decision().at().isBefore(q.from()))
                .filter(r -> q.to() == null || r.decision().at().isBefore(q.to()))
                .filter(r -> q.clientId() == null || q.clientId().equals(r.decision().clientId()))
                .filter(r -> q.protocolId() == null || q.protocolId().equals(r.decision().protocolId()))
                .filter(r -> q.verdict() == null || q.verdict().equals(r.decision().verdict()))
                .filter(r -> q.operation() == null || q.operation() == r.decision().operation())
                .sorted(Comparator.comparing((DecisionRecord r) -> r.decision().at()).reversed()
                        .thenComparing(Comparator.comparingLong(DecisionRecord::seq).reversed()))
                .skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized List<DecisionRecord> range(long afterSeq, int limit) {
        return records.tailMap(afterSeq, false).values().stream().limit(limit).toList();
    }

    /** Replaces record {@code seq} by {@code change} of it (null: deletes it), as a direct database edit would. */
    public synchronized void tamper(long seq, UnaryOperator<DecisionRecord> change) {
        DecisionRecord changed = change.apply(Objects.requireNonNull(records.get(seq), "no record " + seq));
        if (changed == null) {
            records.remove(seq);
        } else {
            records.put(seq, changed);
        }
    }
}
