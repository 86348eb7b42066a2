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
 * <p>Each append is one entry, {@code length, CRC-32C, payload} (the payload holds the append's records: a batch is
 * in the journal whole or not at all); a length of zero (the zeros after the last entry) ends a segment. A copy
 * cut short by a crash leaves a last entry that does not check, followed by zeros, and reading stops there (the
 * process died before that entry's answer was sent); anything else that does not check is damage and refuses the
 * start. Durability is that of the embedded database it stands in
 * front of: the bytes are in the operating system's page cache once {@link #append} returns, so a killed process
 * loses nothing; like H2's own commits (which H2 does not fsync), a power cut relies on the operating system having
 * written them.
 *
 * <p>Hand-written rather than a library's: the payload is the record's own fields, and none of the project's
 * dependencies offers an append-only checksummed log (H2's MVStore commits are exactly the cost this avoids).
 * Not thread-safe: its one user ({@link JournalledDecisionStore}) calls it under a lock.
 *
 * <p>Writing a segment's zeros takes 10-20 ms for 16 MiB on the machine of bench/RESULTS.md, and every append waits
 * behind the one that begins a segment; so the next segment's zeros are written ahead, off the lock, in a spare file
 * ({@value #SPARE}, never read as a segment: a crash may leave it half written, and a start deletes it), which a new
 * segment takes by a hard link under its own name (failing, like creating it, if that name exists). When no spare is
 * ready (the first segment, a large entry, a file system without hard links), the segment is written as before.
 */
final class RecordJournal implements AutoCloseable {

    private record Segment(Path path, long firstSeq) {
    }

    private record Closed(Path path, long lastSeq) {
    }

    private static final String PREFIX = "records-";
    private static final String SUFFIX = ".journal";
    private static final int MAX_ENTRY = 64 * 1024 * 1024;
    static final String SPARE = "spare-segment.zeros";

    private final Path dir;
    private final long segmentBytes;
    /** Closed segments, oldest first, each with the last seq it holds. */
    private final Deque<Closed> closed = new ArrayDeque<>();
    private MappedByteBuffer current;
    private Path currentPath;
    private long lastSeq;
    private final Path sparePath;
    /** Writes the spare; its thread ends when idle, so a journal never closed leaves no thread behind. */
    private final java.util.concurrent.ThreadPoolExecutor spareWriter;
    /** The spare being written, or written (its future done); null when none was asked for. */
    private java.util.concurrent.Future<?> spare;

    RecordJournal(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.sparePath = dir.resolve(SPARE);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(sparePath); // perhaps half written when the process died
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the decision journal's directory", e);
        }
        this.spareWriter = new java.util.concurrent.ThreadPoolExecutor(1, 1, 1, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "il7cds-journal-spare");
                    t.setDaemon(true);
                    return t;
                });
        spareWriter.allowCoreThreadTimeOut(true);
    }

    /**
     * Every record in the journal, in order. A last entry cut short in the newest segment (followed by nothing but
     * zeros) is left out; any other entry that does not check means the journal was damaged, and reading refuses.
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
    void append(List<DecisionRecord> records) throws IOException {
        byte[] payload = payload(records);
        if (payload.length > MAX_ENTRY) {
            throw new IOException("an append of " + payload.length + " bytes exceeds the journal's entry limit");
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        int entry = 8 + payload.length;
        // An entry never ends a segment exactly: four zero bytes after the last one mark the end.
        if (current == null || current.remaining() < entry + 4) {
            begin(records.get(0).seq(), entry + 4);
        }
        int at = current.position();
        try {
            current.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        } catch (InternalError e) {
            // A mapped page the file system could not give a block to (a full copy-on-write file system): the entry
            // may be half copied, so this segment takes no more; the next append begins another.
            current.position(at);
            retireCurrent();
            throw new IOException("the decision journal could not be written (" + e.getClass().getName() + ")", e);
        }
        lastSeq = records.get(records.size() - 1).seq();
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

    /**
     * Deletes every segment (each record in them is in the database) and begins again at the next append. Returns
     * how many segments could not be deleted (their records are in the database: a later start skips them).
     */
    int clear() {
        closeCurrent();
        closed.clear();
        int left = 0;
        for (Segment s : segments()) {
            try {
                Files.deleteIfExists(s.path());
            } catch (IOException e) {
                left++;
            }
        }
        return left;
    }

    @Override
    public void close() {
        closeCurrent();
        spareWriter.shutdownNow();
        try {
            spareWriter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            Files.deleteIfExists(sparePath);
        } catch (IOException e) {
            // Zeros only: the next start deletes it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Begins a segment of at least {@code needed} bytes, written with zeros first: a mapped page of a sparse file
     * would be given its disk block only when first written, and a full disk would then kill the writing thread
     * instead of failing this call.
     */
    private void begin(long firstSeq, int needed) throws IOException {
        retireCurrent();
        long size = Math.max(segmentBytes, needed);
        Path path = dir.resolve(PREFIX + String.format("%020d", firstSeq) + SUFFIX);
        boolean fromSpare = size == segmentBytes && takeSpare(path);
        writeSpareAhead();
        try (FileChannel ch = fromSpare ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
            if (!fromSpare) {
                zeros(ch, size);
            }
            current = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
        } catch (IOException e) {
            // Nothing was appended to it (made here, or the spare under its name; a file that existed is untouched).
            if (!(e instanceof java.nio.file.FileAlreadyExistsException)) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Left with zeros only, which reading takes for an empty segment.
                }
            }
            throw e;
        }
        currentPath = path;
        fsyncDirectory();
    }

    /**
     * Gives the spare, when it is written and whole, the segment's name; false when there is none (the caller writes
     * the segment itself). Throws when the name exists, as creating the segment would.
     */
    private boolean takeSpare(Path path) throws IOException {
        if (spare == null || !spare.isDone()) {
            return false;
        }
        try {
            spare.get();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            spare = null; // could not be written (a full disk?): the segment is written here, and says why
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        spare = null;
        if (!Files.isRegularFile(sparePath) || Files.size(sparePath) != segmentBytes) {
            return false;
        }
        try {
            Files.createLink(path, sparePath);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no hard links here: written in place
        }
        Files.delete(sparePath);
        return true;
    }

    /** Asks for the next segment's zeros to be written in the spare file, unless they are being written. */
    private void writeSpareAhead() {
        if (spare != null || spareWriter.isShutdown()) {
            return;
        }
        spare = spareWriter.submit(() -> {
            Files.deleteIfExists(sparePath);
            try (FileChannel ch = FileChannel.open(sparePath, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                zeros(ch, segmentBytes);
            }
            return null;
        });
    }

    private static void zeros(FileChannel ch, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
        long at = 0;
        while (at < size) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
            at += ch.write(zeros, at);
        }
    }

    /** The current segment takes no more records: it is closed, to be deleted once indexed, and unmapped. */
    private void retireCurrent() {
        if (current != null) {
            closed.addLast(new Closed(currentPath, lastSeq));
            MappedSegments.unmap(current);
            current = null;
            currentPath = null;
        }
    }

    private void closeCurrent() {
        if (current != null) {
            current.force();
            MappedSegments.unmap(current);
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
        ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision journal", e);
        }
        while (in.remaining() >= 8) {
            int pos = in.position();
            int length = in.getInt();
            int crcWritten = in.getInt();
            if (length == 0 && crcWritten == 0) {
                if (!zerosFrom(in, in.position())) {
                    throw damaged(path, pos, "an entry follows the end mark");
                }
                return;
            }
            boolean plausible = length > 0 && length <= MAX_ENTRY && length <= in.remaining();
            if (plausible) {
                byte[] payload = new byte[length];
                in.get(payload);
                CRC32C crc = new CRC32C();
                crc.update(payload);
                if ((int) crc.getValue() == crcWritten) {
                    try {
                        into.addAll(read(payload));
                    } catch (IOException | RuntimeException e) {
                        throw damaged(path, pos, "an entry that checks cannot be read (" + e.getClass().getName()
                                + ")");
                    }
                    continue;
                }
            }
            // The copy a crash cut short (its answer was never sent) leaves only zeros after it, in the newest segment.
            int after = plausible ? pos + 8 + length : pos + 8;
            if (!newest || !zerosFrom(in, after)) {
                throw damaged(path, pos, "an entry does not check and is not the last thing written");
            }
            return;
        }
        if (in.hasRemaining() && (!newest || !zerosFrom(in, in.position()))) {
            throw damaged(path, in.position(), "an entry's header is cut short");
        }
    }

    private static boolean zerosFrom(ByteBuffer in, int from) {
        for (int i = from; i < in.limit(); i++) {
            if (in.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static IllegalStateException damaged(Path path, int pos, String what) {
        return new IllegalStateException("the decision journal is damaged: in " + path.getFileName() + " at byte "
                + pos + ", " + what);
    }

    private static byte[] payload(List<DecisionRecord> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048 * records.size());
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(records.size());
        for (DecisionRecord r : records) {
            write(out, r);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, DecisionRecord r) throws IOException {
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
    }

    private static List<DecisionRecord> read(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int n = in.readInt();
        List<DecisionRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(read(in));
        }
        if (in.available() > 0) {
            throw new IOException("bytes after the entry's records");
        }
        return records;
    }

    private static DecisionRecord read(DataInputStream in) throws IOException {
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
