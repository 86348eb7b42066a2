package org.il7cds.engine.records;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.eligibility.CriterionResult;

/**
 * The hash chain of decision records. A record's hash is the SHA-256 of a canonical encoding of all its fields and
 * of the previous record's hash: each field, in a fixed order, as its UTF-8 length (four bytes, -1 for null) and
 * then its bytes, so that no two different records encode alike (with separators alone, one field could carry
 * another's text). Changing any field of a record, deleting one or putting one in between breaks the chain at
 * that record; {@link #verify} names the first broken link.
 *
 * <p>A purge (retention) deletes the oldest records and appends a {@link Operation#PURGE} record whose answer
 * names the last record it deleted, by sequence number and hash ({@link #purgeAnswer}): that anchors the first
 * remaining record, so the shortened chain still verifies, and a prefix deleted without a purge record does not.
 *
 * <p>What a hash chain cannot show: records removed from its end (the head) or records appended with correctly
 * computed hashes by someone who can write to the database. The verification reports the head's sequence number
 * and hash; an auditor who noted them earlier can tell that the chain still reaches them.
 */
public final class DecisionChain {

    /** The "previous hash" of record 1. */
    public static final String GENESIS = "sha256:" + "0".repeat(64);
    /** Names the encoding, so that a future change of fields cannot produce the same bytes. */
    private static final byte[] DOMAIN = "il7cds-decision-record-v1".getBytes(StandardCharsets.UTF_8);
    private static final Pattern PURGE_ANCHOR =
            Pattern.compile("\"lastPurgedSeq\":(\\d+),\"lastPurgedHash\":\"(sha256:[0-9a-f]{64})\"");

    private DecisionChain() {
    }

    /** The hash of the record {@code seq} holding {@code d}, after the record whose hash is {@code previousHash}. */
    public static String hash(long seq, Decision d, String previousHash) {
        MessageDigest sha = sha256();
        sha.update(DOMAIN);
        field(sha, Long.toString(seq));
        field(sha, previousHash);
        field(sha, d.decisionId());
        field(sha, d.at().toString());
        field(sha, d.zone());
        field(sha, d.clientId());
        field(sha, d.operation().wire());
        field(sha, d.protocolId());
        field(sha, d.rulesVersion());
        field(sha, d.rulesHash());
        field(sha, d.asOf() == null ? null : d.asOf().toString());
        field(sha, d.request());
        field(sha, Integer.toString(d.status()));
        field(sha, d.verdict());
        field(sha, d.criteria());
        field(sha, d.calendarId());
        field(sha, d.answer());
        field(sha, d.answerDigest());
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    /** The next record of the chain: {@code d} after {@code previous} (null for the first record). */
    public static DecisionRecord append(DecisionStore.Head previous, Decision d) {
        long seq = previous == null ? 1 : previous.seq() + 1;
        String before = previous == null ? GENESIS : previous.hash();
        return new DecisionRecord(seq, d, before, hash(seq, d, before));
    }

    /** {@code sha256:} and the hex SHA-256 of {@code bytes}: an answer's digest. */
    public static String digest(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The criteria of an answer as a record keeps them: {@code adult=MET;cd4-count=NOT_MET;...}, in order. */
    public static String criteria(List<CriterionResult> results) {
        StringJoiner joined = new StringJoiner(";");
        for (CriterionResult r : results) {
            joined.add(r.criterionId() + "=" + r.status().name());
        }
        return joined.toString();
    }

    /** The answer of a purge record: how many records it deleted and the last of them (the anchor). */
    public static String purgeAnswer(long purged, DecisionStore.Head lastPurged) {
        return lastPurged == null ? "{\"purged\":0}"
                : "{\"purged\":" + purged + ",\"lastPurgedSeq\":" + lastPurged.seq() + ",\"lastPurgedHash\":\""
                        + lastPurged.hash() + "\"}";
    }

    /** The last record a purge record says it deleted, if it deleted any. */
    public static Optional<DecisionStore.Head> purgeAnchor(Decision purge) {
        if (purge.operation() != Operation.PURGE || purge.answer() == null) {
            return Optional.empty();
        }
        Matcher m = PURGE_ANCHOR.matcher(purge.answer());
        return m.find() ? Optional.of(new DecisionStore.Head(Long.parseLong(m.group(1)), m.group(2)))
                : Optional.empty();
    }

    /** Verifies the whole chain in the store, reading it in pages in sequence order. */
    public static ChainVerification verify(DecisionStore store) {
        Verifier verifier = new Verifier();
        long after = 0;
        while (true) {
            List<DecisionRecord> page = store.range(after, 1_000);
            if (page.isEmpty()) {
                return verifier.result();
            }
            page.forEach(verifier::accept);
            after = page.get(page.size() - 1).seq();
        }
    }

    /** Verifies records given in ascending sequence order. */
    public static ChainVerification verify(Iterable<DecisionRecord> records) {
        Verifier verifier = new Verifier();
        records.forEach(verifier::accept);
        return verifier.result();
    }

    /** Reads the records one by one, remembers the first broken link and the purge anchors. */
    private static final class Verifier {
        private long checked;
        private DecisionRecord first;
        private DecisionRecord last;
        private ChainVerification.Break firstBreak;
        private final Map<Long, String> anchors = new HashMap<>();

        void accept(DecisionRecord r) {
            checked++;
            if (first == null) {
                first = r;
                if (r.seq() == 1 && !GENESIS.equals(r.previousHash())) {
                    broken(r.seq(), ChainVerification.Kind.RELINKED, "record 1 does not start the chain: its previous"
                            + " hash is " + r.previousHash() + ", not the genesis value");
                }
            } else if (r.seq() != last.seq() + 1) {
                broken(last.seq() + 1, ChainVerification.Kind.MISSING, r.seq() == last.seq() + 2
                        ? "record " + (last.seq() + 1) + " is missing (deleted): record " + r.seq() + " follows "
                                + last.seq()
                        : "records " + (last.seq() + 1) + " to " + (r.seq() - 1) + " are missing (deleted): record "
                                + r.seq() + " follows " + last.seq());
            } else if (!last.hash().equals(r.previousHash())) {
                broken(r.seq(), ChainVerification.Kind.RELINKED, "record " + r.seq() + " names " + r.previousHash()
                        + " as the hash of record " + last.seq() + ", which is " + last.hash()
                        + ": one of the two was replaced, or record " + r.seq() + " was inserted");
            }
            String recomputed = hash(r.seq(), r.decision(), r.previousHash());
            if (!recomputed.equals(r.hash())) {
                broken(r.seq(), ChainVerification.Kind.ALTERED, "record " + r.seq() + " (decision "
                        + r.decision().decisionId() + ") was altered: its fields hash to " + recomputed
                        + ", not to its recorded hash " + r.hash());
            }
            purgeAnchor(r.decision()).ifPresent(a -> anchors.put(a.seq(), a.hash()));
            last = r;
        }

        private void broken(long seq, ChainVerification.Kind kind, String detail) {
            if (firstBreak == null || seq < firstBreak.seq()) {
                firstBreak = new ChainVerification.Break(seq, kind, detail);
            }
        }

        ChainVerification result() {
            if (first == null) {
                return new ChainVerification(true, 0, null, null, null, null);
            }
            if (first.seq() > 1 && !first.previousHash().equals(anchors.get(first.seq() - 1))) {
                // Lower than any other break: the chain is broken before its first remaining record.
                firstBreak = new ChainVerification.Break(first.seq(), ChainVerification.Kind.UNANCHORED,
                        "records 1 to " + (first.seq() - 1) + " are gone and no purge record names record "
                                + (first.seq() - 1) + " with hash " + first.previousHash()
                                + ": they were deleted without a purge");
            }
            return new ChainVerification(firstBreak == null, checked, first.seq(), last.seq(), last.hash(),
                    firstBreak);
        }
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
