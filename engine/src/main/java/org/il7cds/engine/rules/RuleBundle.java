package org.il7cds.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one rules version, by path relative to the rules root ("protocols/levy-2009/eligibility.drl"),
 * read from the packaged classpath copy, from a directory or from an upload. Its content hash (SHA-256 over every
 * path and its bytes, in path order, each preceded by its length) names exactly which files produced a verdict.
 *
 * <p>The same two rules hold whatever the files came from ({@link #findings()}):
 * <ul>
 * <li>a hidden file (a name, or a folder on its path, starting with a dot: {@code .hidden.drl}, an editor's
 * {@code .eligibility.drl.swp}, {@code .DS_Store}) is not part of the bundle: not compiled, not hashed, with a
 * WARNING naming it. Skipped rather than refused, so that an editor's or a file manager's leftovers in a rules
 * directory do not stop the service from starting, and the directory keeps the packaged rules' content hash; the
 * warning tells an informatician who uploaded one that it was left out;</li>
 * <li>a file above {@value #MAX_FILE_CHARS} characters (openapi.yaml's maxLength of an uploaded file) is an ERROR,
 * so the bundle cannot load; a directory's file that large is not even read.</li>
 * </ul>
 */
public final class RuleBundle {

    /** Classpath folder where the rules module packages its files, with a generated INDEX listing them. */
    public static final String CLASSPATH_ROOT = "il7cds-rules/";
    /** The largest rules file, in characters (Unicode code points), as openapi.yaml declares for an upload. */
    public static final int MAX_FILE_CHARS = 262_144;

    private final SortedMap<String, byte[]> files;
    private final List<RuleProblem> findings;
    private final String origin;
    private final String contentHash;

    private RuleBundle(Reader reader, String origin) {
        this.files = reader.files;
        this.findings = List.copyOf(reader.findings);
        this.origin = origin;
        this.contentHash = hash(files);
    }

    /** A bundle from files in memory (an upload, or a test). */
    public static RuleBundle of(Map<String, String> files, String origin) {
        Reader reader = new Reader();
        files.forEach((path, text) -> reader.add(normalise(path), text.getBytes(StandardCharsets.UTF_8)));
        return new RuleBundle(reader, origin);
    }

    /** The rules packaged with the service (the rules module's jar). */
    public static RuleBundle fromClasspath() {
        ClassLoader loader = RuleBundle.class.getClassLoader();
        try (InputStream index = loader.getResourceAsStream(CLASSPATH_ROOT + "INDEX")) {
            if (index == null) {
                throw new IllegalStateException("no packaged rules on the classpath (" + CLASSPATH_ROOT + "INDEX)");
            }
            Reader reader = new Reader();
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String path = line.trim();
                if (path.isEmpty()) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream(CLASSPATH_ROOT + path)) {
                    if (in == null) {
                        throw new IllegalStateException("the rules INDEX names a missing file: " + path);
                    }
                    reader.add(path, in.readAllBytes());
                }
            }
            return new RuleBundle(reader, "classpath");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged rules", e);
        }
    }

    /**
     * The rules files below {@code root}: {@code bundle.yaml} and everything under {@code protocols/} and
     * {@code terminology/}, exactly what
     * the rules module packages, so both give the same content hash.
     */
    public static RuleBundle fromDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("the rules directory does not exist: " + root);
        }
        Reader reader = new Reader();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = normalise(root.relativize(p).toString());
                if (!rel.equals("bundle.yaml") && !rel.startsWith("protocols/") && !rel.startsWith("terminology/")) {
                    continue;
                }
                // Neither a hidden file nor one too long, whatever it holds (UTF-8 takes at most 4 bytes a
                // character), is read at all.
                if (isHidden(rel)) {
                    reader.hidden(rel);
                } else if (Files.size(p) > 4L * MAX_FILE_CHARS) {
                    reader.tooLong(rel);
                } else {
                    reader.add(rel, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules directory " + root, e);
        }
        return new RuleBundle(reader, "directory " + root.getFileName());
    }

    /** True for a text too long to be a rules file: more than {@link #MAX_FILE_CHARS} characters. */
    public static boolean isTooLong(String text) {
        return text.length() > MAX_FILE_CHARS && text.codePointCount(0, text.length()) > MAX_FILE_CHARS;
    }

    private static boolean isHidden(String rel) {
        return rel.startsWith(".") || rel.contains("/.");
    }

    /** The files kept and what was found while taking them: the two rules of the class comment. */
    private static final class Reader {
        final SortedMap<String, byte[]> files = new TreeMap<>();
        final List<RuleProblem> findings = new ArrayList<>();

        void add(String path, byte[] bytes) {
            if (isHidden(path)) {
                hidden(path);
            } else if (bytes.length > MAX_FILE_CHARS && isTooLong(new String(bytes, StandardCharsets.UTF_8))) {
                tooLong(path);
            } else {
                files.put(path, bytes);
            }
        }

        void hidden(String path) {
            findings.add(RuleProblem.warning(path, 0, "hidden file: not part of the rules bundle (not compiled,"
                    + " not in the content hash); rename it without the leading dot to include it"));
        }

        void tooLong(String path) {
            findings.add(RuleProblem.error(path, 0, "the file is longer than " + MAX_FILE_CHARS
                    + " characters, the most a rules file may have; split it"));
        }
    }

    private static String normalise(String path) {
        return path.replace('\\', '/');
    }

    private static String hash(SortedMap<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // Each path and each content is preceded by its length, so no other set of files gives the same input
            // (with separators alone, one file embedding the others' paths and contents could reproduce it).
            files.forEach((path, bytes) -> {
                byte[] name = path.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(Long.BYTES).putLong(name.length).array());
                sha.update(name);
                sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
                sha.update(bytes);
            });
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What taking the files found: a WARNING for each hidden file left out, an ERROR for each file too long to be a
     * rules file (left out too, and the bundle cannot load).
     */
    public List<RuleProblem> findings() {
        return findings;
    }

    public SortedMap<String, byte[]> files() {
        return java.util.Collections.unmodifiableSortedMap(files);
    }

    public String text(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Where the files came from ("classpath", "directory rules"); informative only. */
    public String origin() {
        return origin;
    }

    public String contentHash() {
        return contentHash;
    }
}
