package org.il7cds.engine.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The hash chain: every field covered, every kind of tampering found at its first broken link, purges anchored. */
class DecisionChainTest {

    private static List<DecisionRecord> chain(int n) {
        List<DecisionRecord> records = new ArrayList<>();
        DecisionStore.Head head = null;
        for (int i = 1; i <= n; i++) {
            DecisionRecord r = DecisionChain.append(head, TestDecisions.assessment(i));
            records.add(r);
            head = new DecisionStore.Head(r.seq(), r.hash());
        }
        return records;
    }

    private static Decision with(Decision d, String verdict) {
        return new Decision(d.decisionId(), d.at(), d.zone(), d.clientId(), d.operation(), d.protocolId(),
                d.rulesVersion(), d.rulesHash(), d.asOf(), d.request(), d.status(), verdict, d.criteria(),
                d.calendarId(), d.answer(), d.answerDigest());
    }

    @Test
    void anUntouchedChainVerifiesAndNamesItsHead() {
        List<DecisionRecord> records = chain(10);

        ChainVerification v = DecisionChain.verify(records);

        assertThat(v.intact()).isTrue();
        assertThat(v.firstBreak()).isNull();
        assertThat(v.recordsChecked()).isEqualTo(10);
        assertThat(v.firstSeq()).isEqualTo(1);
        assertThat(v.headSeq()).isEqualTo(10);
        assertThat(v.headHash()).isEqualTo(records.get(9).hash()).startsWith("sha256:").hasSize(71);
        assertThat(records.get(0).previousHash()).isEqualTo(DecisionChain.GENESIS);
        assertThat(DecisionChain.verify(List.of()).intact()).isTrue();
    }

    @Test
    void everyFieldIsCoveredByTheHash() {
        Decision d = TestDecisions.assessment(1);
        List<UnaryOperator<Decision>> changes = List.of(
                x -> new Decision("other", x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at().plusNanos(1000), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), "Europe/Paris", x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), "clinic-b", x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), Operation.BATCH_ITEM, x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), "other", x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), "9", x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), null, x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf().plusDays(1), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request().replace("40", "41"), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), 422, x.verdict(), x.criteria(), x.calendarId(), x.answer(), x.answerDigest()),
                x -> with(x, "NOT_ELIGIBLE"),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), "adult=MET;cd4-count=UNKNOWN", x.calendarId(), x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), "cal-1", x.answer(), x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), "{}", x.answerDigest()),
                x -> new Decision(x.decisionId(), x.at(), x.zone(), x.clientId(), x.operation(), x.protocolId(), x.rulesVersion(), x.rulesHash(), x.asOf(), x.request(), x.status(), x.verdict(), x.criteria(), x.calendarId(), x.answer(), "sha256:" + "0".repeat(64)));
        Set<String> hashes = new HashSet<>();
        hashes.add(DecisionChain.hash(1, d, DecisionChain.GENESIS));
        hashes.add(DecisionChain.hash(2, d, DecisionChain.GENESIS));
        hashes.add(DecisionChain.hash(1, d, "sha256:" + "1".repeat(64)));
        changes.forEach(c -> hashes.add(DecisionChain.hash(1, c.apply(d), DecisionChain.GENESIS)));

        assertThat(hashes).as("one hash per variant: each of the 16 fields, the sequence number and the link")
                .hasSize(changes.size() + 3);
        assertThat(changes).hasSize(16);
    }

    @Test
    void fieldsAreLengthPrefixedSoThatMovingTextBetweenFieldsChangesTheHash() {
        Decision d = TestDecisions.assessment(1);
        Decision a = new Decision(d.decisionId(), d.at(), d.zone(), "clinic-a", d.operation(), "levy-2009", d.rulesVersion(), d.rulesHash(), d.asOf(), d.request(), d.status(), d.verdict(), d.criteria(), d.calendarId(), d.answer(), d.answerDigest());
        Decision b = new Decision(d.decisionId(), d.at(), d.zone(), "clinic-alevy", d.operation(), "-2009", d.rulesVersion(), d.rulesHash(), d.asOf(), d.request(), d.status(), d.verdict(), d.criteria(), d.calendarId(), d.answer(), d.answerDigest());
        Decision nullCalendar = d;
        Decision emptyCalendar = new Decision(d.decisionId(), d.at(), d.zone(), d.clientId(), d.operation(), d.protocolId(), d.rulesVersion(), d.rulesHash(), d.asOf(), d.request(), d.status(), d.verdict(), d.criteria(), "", d.answer(), d.answerDigest());

        assertThat(DecisionChain.hash(1, a, DecisionChain.GENESIS)).isNotEqualTo(DecisionChain.hash(1, b, DecisionChain.GENESIS));
        assertThat(DecisionChain.hash(1, nullCalendar, DecisionChain.GENESIS))
                .isNotEqualTo(DecisionChain.hash(1, emptyCalendar, DecisionChain.GENESIS));
    }

    @Test
    void aChangedFieldIsFoundAtItsRecord() {
        List<DecisionRecord> records = chain(10);
        DecisionRecord r = records.get(3);
        records.set(3, new DecisionRecord(r.seq(), with(r.decision(), "NOT_ELIGIBLE"), r.previousHash(), r.hash()));

        ChainVerification v = DecisionChain.verify(records);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(4);
        assertThat(v.firstBreak().kind()).isEqualTo(ChainVerification.Kind.ALTERED);
        assertThat(v.firstBreak().detail()).contains("record 4", r.decision().decisionId(), "altered");
    }

    @Test
    void aChangedRecordWhoseHashWasRecomputedBreaksTheLinkToTheNextOne() {
        List<DecisionRecord> records = chain(10);
        DecisionRecord r = records.get(3);
        Decision forged = with(r.decision(), "NOT_ELIGIBLE");
        records.set(3, new DecisionRecord(4, forged, r.previousHash(), DecisionChain.hash(4, forged, r.previousHash())));

        ChainVerification v = DecisionChain.verify(records);

        assertThat(v.firstBreak().seq()).isEqualTo(5);
        assertThat(v.firstBreak().kind()).isEqualTo(ChainVerification.Kind.RELINKED);
    }

    @Test
    void aDeletedRecordIsFoundWhereItIsMissing() {
        List<DecisionRecord> records = chain(10);
        records.remove(3);

        ChainVerification v = DecisionChain.verify(records);

        assertThat(v.firstBreak().seq()).isEqualTo(4);
        assertThat(v.firstBreak().kind()).isEqualTo(ChainVerification.Kind.MISSING);
        assertThat(v.firstBreak().detail()).contains("record 4 is missing");
    }

    @Test
    void anInsertedRecordBreaksTheChainWhereItWasPut() {
        List<DecisionRecord> records = chain(10);
        DecisionRecord before = records.get(3);
        Decision extra = TestDecisions.assessment(99);
        records.add(4, new DecisionRecord(5, extra, before.hash(), DecisionChain.hash(5, extra, before.hash())));
        // The records after it moved up by one, as an insertion in the middle would need.
        for (int i = 5; i < records.size(); i++) {
            DecisionRecord r = records.get(i);
            records.set(i, new DecisionRecord(r.seq() + 1, r.decision(), r.previousHash(), r.hash()));
        }

        ChainVerification v = DecisionChain.verify(records);

        assertThat(v.firstBreak().seq()).isEqualTo(6);
        assertThat(v.firstBreak().kind()).isIn(ChainVerification.Kind.RELINKED, ChainVerification.Kind.ALTERED);
    }

    @Test
    void theFirstOfSeveralBreaksIsNamed() {
        List<DecisionRecord> records = chain(10);
        records.remove(7);
        DecisionRecord r = records.get(2);
        records.set(2, new DecisionRecord(r.seq(), with(r.decision(), "INCOMPLETE"), r.previousHash(), r.hash()));

        assertThat(DecisionChain.verify(records).firstBreak().seq()).isEqualTo(3);
    }

    @Test
    void aPrefixDeletedWithoutAPurgeIsUnanchored() {
        List<DecisionRecord> records = chain(10);
        records.subList(0, 3).clear();

        ChainVerification v = DecisionChain.verify(records);

        assertThat(v.firstBreak().seq()).isEqualTo(4);
        assertThat(v.firstBreak().kind()).isEqualTo(ChainVerification.Kind.UNANCHORED);
        assertThat(v.firstBreak().detail()).contains("records 1 to 3", "without a purge");
    }

    @Test
    void purgesKeepTheChainVerifiableEvenWhenTheyPurgeEachOther() {
        InMemoryDecisionStore store = new InMemoryDecisionStore();
        Instant t0 = TestDecisions.T0;
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            for (int i = 1; i <= 10; i++) {
                recorder.record(TestDecisions.assessment(i, t0.plus(Duration.ofDays(i))));
            }
            DecisionRecorder.Purged first = recorder.purge(TestDecisions.purge(t0.plus(Duration.ofDays(20)),
                    t0.plus(Duration.ofDays(4))));
            assertThat(first.purged()).isEqualTo(3);
            assertThat(first.record().seq()).isEqualTo(11);
            assertThat(first.record().decision().answer()).contains("\"purged\":3", "\"lastPurgedSeq\":3");
            assertThat(DecisionChain.verify(store).intact()).isTrue();
            assertThat(DecisionChain.verify(store).firstSeq()).isEqualTo(4);

            recorder.record(TestDecisions.assessment(12, t0.plus(Duration.ofDays(21))));
            // Everything older than day 21: records 4-10 and the first purge record (day 20).
            DecisionRecorder.Purged second = recorder.purge(TestDecisions.purge(t0.plus(Duration.ofDays(22)),
                    t0.plus(Duration.ofDays(21))));
            assertThat(second.purged()).isEqualTo(8);
            ChainVerification v = DecisionChain.verify(store);
            assertThat(v.intact()).as("%s", v.firstBreak()).isTrue();
            assertThat(v.firstSeq()).isEqualTo(12);
            assertThat(v.headSeq()).isEqualTo(13);

            DecisionRecorder.Purged all = recorder.purge(TestDecisions.purge(t0.plus(Duration.ofDays(30)),
                    t0.plus(Duration.ofDays(30))));
            assertThat(all.purged()).isEqualTo(2);
            assertThat(DecisionChain.verify(store).intact()).isTrue();
            assertThat(DecisionChain.verify(store).recordsChecked()).isEqualTo(1);

            DecisionRecorder.Purged none = recorder.purge(TestDecisions.purge(t0.plus(Duration.ofDays(31)), t0));
            assertThat(none.purged()).isZero();
            assertThat(none.record().decision().answer()).isEqualTo("{\"purged\":0}");
            assertThat(DecisionChain.verify(store).intact()).isTrue();
        }
    }

    @Test
    void aPurgeRecordCannotBeForgedToCoverADeletion() {
        InMemoryDecisionStore store = new InMemoryDecisionStore();
        try (DecisionRecorder recorder = new DecisionRecorder(store)) {
            for (int i = 1; i <= 6; i++) {
                recorder.record(TestDecisions.assessment(i, TestDecisions.T0.plus(Duration.ofDays(i))));
            }
            recorder.purge(TestDecisions.purge(TestDecisions.T0.plus(Duration.ofDays(9)),
                    TestDecisions.T0.plus(Duration.ofDays(3))));
        }
        // Someone deletes record 3 and 4 and edits the purge record to name record 4 instead of 2.
        DecisionRecord purge = store.bySeq(7).orElseThrow();
        DecisionRecord four = store.bySeq(4).orElseThrow();
        store.tamper(3, r -> null);
        store.tamper(4, r -> null);
        store.tamper(7, r -> {
            Decision d = r.decision();
            return new DecisionRecord(7, new Decision(d.decisionId(), d.at(), d.zone(), d.clientId(), d.operation(),
                    null, null, null, null, d.request(), 200, null, null, null,
                    DecisionChain.purgeAnswer(4, new DecisionStore.Head(4, four.hash())), d.answerDigest()),
                    r.previousHash(), r.hash());
        });

        ChainVerification v = DecisionChain.verify(store);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().kind()).isEqualTo(ChainVerification.Kind.ALTERED);
        assertThat(v.firstBreak().seq()).isEqualTo(purge.seq());
    }
}
