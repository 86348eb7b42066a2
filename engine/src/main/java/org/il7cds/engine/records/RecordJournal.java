package org.il7cds.engine.records;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only file of decision records: what makes a record durable before its answer is returned, ahead of the
 * database that indexes it ({@link JournalledDecisionStore}). Records are appended in sequence order to segment
 * files {@code records-<first seq>.journal} in one directory, each written with zeros to its size first and mapped
 * into memory; a new segment is begun when the current one is full; a segment is deleted once every record in it
 * is in the database.
 *
 * <p>Each entry is {@code length, CRC-32C, payload}; a length of zero (the zeros after the last entry) ends a
 * segment. A copy cut short by a crash leaves a last entry that does not check, and reading stops there (the
 * process died before that entry's answer was sent). Durability is that of the embedded database it stands in
 * front of: the bytes are in the operating system's page cache once {@link #append} returns, so a killed process
 * loses nothing; like H2's own commits (which H2 does not fsync), a power cut relies on the operating system having
 * written them.
 *
 * <p>Hand-written rather than a library's: the payload is the record's own fields, and none of the project's
 * dependencies offers an append-only checksummed log (H2's MVStore commits are exactly the cost this avoids).
 * Not thread-safe: its one user ({@link JournalledDecisionStore}) calls it under a lock.
 */
final class RecordJournal implements AutoCloseable {

    private record Segment(Path path, long firstSeq) {
    }

    private record Closed(Path path, long lastSeq) {
    }

    private static final String PREFIX = "records-";
    private static final String SUFFIX = ".journal";
    private static final int MAX_ENTRY = 64 * 1024 * 1024;

    private final Path dir;
    private final long segmentBytes;
    /** Closed segments, oldest first, each with the last seq it holds. */
    private final Deque<Closed> closed = new ArrayDeque<>();
    private MappedByteBuffer current;
    private Path currentPath;
    private long lastSeq;

    RecordJournal(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the decision journal's directory", e);
        }
    }

    /**
     * Every record in the journal, in order. A last entry cut short (or not checking) in the newest segment is cut off
     * the file; one anywhere else means the journal was damaged, and reading refuses.
     */
    List<DecisionRecord> readAll() {
        List<Segment> segments = segments();
        List<DecisionRecord> entries = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            boolean newest = i == segments.size() - 1;
            readSegment(segments.get(i).path(), newest, entries);
        }
        return entries;
    }

    /**
     * Appends the records and returns once they are in the operating system: the segment is a file mapped into
     * memory, so an append is a copy into the page cache, without a system call (a {@code write} cost about 20 µs
     * on the machine of bench/RESULTS.md, more than the rest of an append). Pages of a mapped file outlive the
     * process that wrote them.
     */
    void append(List<DecisionRecord> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048 * entries.size());
        DataOutputStream out = new DataOutputStream(bytes);
        for (DecisionRecord e : entries) {
            byte[] payload = payload(e);
            CRC32C crc = new CRC32C();
            crc.update(payload);
            out.writeInt(payload.length);
            out.writeInt((int) crc.getValue());
            out.write(payload);
        }
        byte[] written = bytes.toByteArray();
        // An entry never ends a segment exactly: four zero bytes after the last one mark the end.
        if (current == null || current.remaining() < written.length + 4) {
            begin(entries.get(0).seq(), written.length + 4);
        }
        current.put(written);
        lastSeq = entries.get(entries.size() - 1).seq();
    }

    /**
     * Deletes the closed segments whose records all have a seq up to {@code seq} (they are in the database). A
     * segment that cannot be deleted is left (the next start skips records the database holds, then empties the
     * journal); returns how many could not be.
     */
    int deleteThrough(long seq) {
        int left = 0;
        while (!closed.isEmpty() && closed.peekFirst().lastSeq() <= seq) {
            Path p = closed.removeFirst().path();
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                left++;
            }
        }
        return left;
    }

    /** Deletes every segment (each record in them is in the database) and begins again at the next append. */
    void clear() {
        closeCurrent();
        closed.clear();
        for (Segment s : segments()) {
            try {
                Files.deleteIfExists(s.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete a decision journal segment", e);
            }
        }
    }

    /** Segment files now on disk (for tests and the operators' view). */
    int segmentCount() {
        return segments().size();
    }

    @Override
    public void close() {
        closeCurrent();
    }

    /**
     * Begins a segment of at least {@code needed} bytes, written with zeros first: a mapped page of a sparse file
     * would be given its disk block only when first written, and a full disk would then kill the writing thread
     * instead of failing this call.
     */
    private void begin(long firstSeq, int needed) throws IOException {
        if (current != null) {
            closed.addLast(new Closed(currentPath, lastSeq));
            current = null;
        }
        long size = Math.max(segmentBytes, needed);
        Path path = dir.resolve(PREFIX + String.format("%020d", firstSeq) + SUFFIX);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
            long at = 0;
            while (at < size) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                at += ch.write(zeros, at);
            }
            current = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        } catch (IOException e) {
            // Nothing was appended to it: a segment begun again at this seq starts afresh.
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Left with zeros only, which reading takes for an empty segment.
            }
            throw e;
        }
        currentPath = path;
        fsyncDirectory();
    }

    private void closeCurrent() {
        if (current != null) {
            current.force();
            current = null;
            currentPath = null;
        }
    }

    /** The new segment's name reaches the disk with its directory (Linux: a directory can be forced). */
    private void fsyncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform opens directories; the file's own writes are what the journal relies on.
        }
    }

    private List<Segment> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).map(p -> {
                String n = p.getFileName().toString();
                return new Segment(p, Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length())));
            }).sorted((a, b) -> Long.compare(a.firstSeq(), b.firstSeq())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the decision journal", e);
        }
    }

    private static void readSegment(Path path, boolean newest, List<DecisionRecord> into) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer head = ByteBuffer.allocate(8);
            while (pos < size) {
                String damage = null;
                byte[] payload = null;
                int crcWritten = 0;
                if (size - pos < 8) {
                    damage = "an entry's header is cut short";
                } else {
                    head.clear();
                    ch.read(head, pos);
                    head.flip();
                    int length = head.getInt();
                    crcWritten = head.getInt();
                    if (length == 0) {
                        return; // the zeros after the last entry
                    }
                    if (length < 0 || length > MAX_ENTRY || size - pos - 8 < length) {
                        damage = "an entry is cut short";
                    } else {
                        ByteBuffer body = ByteBuffer.allocate(length);
                        ch.read(body, pos + 8);
                        payload = body.array();
                        CRC32C crc = new CRC32C();
                        crc.update(payload);
                        if ((int) crc.getValue() != crcWritten) {
                            damage = "an entry does not match its checksum";
                        }
                    }
                }
                if (damage != null) {
                    if (!newest) {
                        throw new IllegalStateException("the decision journal is damaged: in " + path.getFileName()
                                + " at byte " + pos + ", " + damage + " and later segments follow it");
                    }
                    // The copy a crash cut short: its answer was never sent. Start-up empties the journal after.
                    return;
                }
                into.add(read(payload));
                pos += 8 + payload.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision journal", e);
        }
    }

    private static byte[] payload(DecisionRecord r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        DataOutputStream out = new DataOutputStream(bytes);
        Decision d = r.decision();
        out.writeLong(r.seq());
        text(out, r.previousHash());
        text(out, r.hash());
        text(out, d.decisionId());
        out.writeLong(d.at().getEpochSecond());
        out.writeInt(d.at().getNano());
        text(out, d.zone());
        text(out, d.clientId());
        text(out, d.operation().wire());
        text(out, d.protocolId());
        text(out, d.rulesVersion());
        text(out, d.rulesHash());
        text(out, d.asOf() == null ? null : d.asOf().toString());
        text(out, d.request());
        out.writeInt(d.status());
        text(out, d.verdict());
        text(out, d.criteria());
        text(out, d.calendarId());
        text(out, d.answer());
        text(out, d.answerDigest());
        out.flush();
        return bytes.toByteArray();
    }

    private static DecisionRecord read(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        long seq = in.readLong();
        String previous = text(in);
        String hash = text(in);
        String decisionId = text(in);
        Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String zone = text(in);
        String clientId = text(in);
        String operation = text(in);
        String protocolId = text(in);
        String rulesVersion = text(in);
        String rulesHash = text(in);
        String asOf = text(in);
        String request = text(in);
        int status = in.readInt();
        String verdict = text(in);
        String criteria = text(in);
        String calendarId = text(in);
        String answer = text(in);
        String digest = text(in);
        Decision d = new Decision(decisionId, at, zone, clientId, Operation.parse(operation).orElseThrow(() ->
                new IllegalStateException("the decision journal holds an unknown operation")), protocolId,
                rulesVersion, rulesHash, asOf == null ? null : LocalDate.parse(asOf), request, status, verdict,
                criteria, calendarId, answer, digest);
        return new DecisionRecord(seq, d, previous, hash);
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
