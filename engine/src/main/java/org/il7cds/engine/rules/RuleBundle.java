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
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one rules version, by path relative to the rules root ("protocols/levy-2009/eligibility.drl"),
 * read from the packaged classpath copy or from a directory. Its content hash (SHA-256 over every path and
 * its bytes, in path order, each preceded by its length) names exactly which files produced a verdict.
 */
public final class RuleBundle {

    /** Classpath folder where the rules module packages its files, with a generated INDEX listing them. */
    public static final String CLASSPATH_ROOT = "il7cds-rules/";

    private final SortedMap<String, byte[]> files;
    private final String origin;
    private final String contentHash;

    private RuleBundle(SortedMap<String, byte[]> files, String origin) {
        this.files = files;
        this.origin = origin;
        this.contentHash = hash(files);
    }

    /** A bundle from files in memory (an upload, or a test). */
    public static RuleBundle of(Map<String, String> files, String origin) {
        SortedMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((path, text) -> copy.put(normalise(path), text.getBytes(StandardCharsets.UTF_8)));
        return new RuleBundle(copy, origin);
    }

    /** The rules packaged with the service (the rules module's jar). */
    public static RuleBundle fromClasspath() {
        ClassLoader loader = RuleBundle.class.getClassLoader();
        try (InputStream index = loader.getResourceAsStream(CLASSPATH_ROOT + "INDEX")) {
            if (index == null) {
                throw new IllegalStateException("no packaged rules on the classpath (" + CLASSPATH_ROOT + "INDEX)");
            }
            SortedMap<String, byte[]> files = new TreeMap<>();
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String path = line.trim();
                if (path.isEmpty()) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream(CLASSPATH_ROOT + path)) {
                    if (in == null) {
                        throw new IllegalStateException("the rules INDEX names a missing file: " + path);
                    }
                    files.put(path, in.readAllBytes());
                }
            }
            return new RuleBundle(files, "classpath");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged rules", e);
        }
    }

    /**
     * The rules files below {@code root}: {@code bundle.yaml} and everything under {@code protocols/} (hidden
     * files excluded), exactly what the rules module packages, so both give the same content hash.
     */
    public static RuleBundle fromDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("the rules directory does not exist: " + root);
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = normalise(root.relativize(p).toString());
                if (!isRulesFile(rel)) {
                    continue;
                }
                files.put(rel, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules directory " + root, e);
        }
        return new RuleBundle(files, "directory " + root.getFileName());
    }

    private static boolean isRulesFile(String rel) {
        return (rel.equals("bundle.yaml") || rel.startsWith("protocols/")) && !rel.contains("/.");
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
