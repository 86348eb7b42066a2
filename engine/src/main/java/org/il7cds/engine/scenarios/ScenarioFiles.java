package org.il7cds.engine.scenarios;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.rules.ContentCache;
import org.il7cds.engine.rules.ProtocolFileParser;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.schema.RulesSchemas;

/**
 * What eligibility and dosing scenario files share: loading a file with the strict YAML reader and its schema, the
 * base file whose candidate a scenario changes, and the {@code expect.error} vocabulary.
 */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /** Reads one scenario file: its path, the match of the kind's path pattern, and where its problems go. */
    interface Reader<T> {
        T read(String path, Matcher match, List<RuleProblem> problems);
    }

    /**
     * Every file of {@code bundle} whose path matches {@code files}, in path order, read by {@code reader}; a file
     * that cannot be read (null) is left out, its problems collected, and an exception is one more problem.
     */
    static <T> List<T> readAll(RuleBundle bundle, Pattern files, Reader<T> reader, List<RuleProblem> problems) {
        List<T> out = new ArrayList<>();
        for (String path : bundle.files().keySet()) {
            Matcher m = files.matcher(path);
            if (!m.matches()) {
                continue;
            }
            try {
                T t = reader.read(path, m, problems);
                if (t != null) {
                    out.add(t);
                }
            } catch (RuntimeException e) {
                problems.add(RuleProblem.error(path, 0, String.valueOf(e.getMessage())));
            }
        }
        return out;
    }

    /**
     * The file's top-level mapping, or null (and its problems) when it is not YAML, not a mapping or not what
     * {@code schema} allows.
     */
    static Map<?, ?> load(RuleBundle bundle, String path, String schema, List<RuleProblem> problems) {
        Loaded loaded = LOADED.get(new FileText(path, bundle.text(path), schema), ScenarioFiles::load);
        problems.addAll(loaded.problems());
        return loaded.root();
    }

    /** A file by its path (which its problems name), its whole text and the schema it is read against. */
    private record FileText(String path, String text, String schema) {
    }

    /** A file's top-level mapping (unmodifiable throughout) or null, and the problems reading it found. */
    private record Loaded(Map<?, ?> root, List<RuleProblem> problems) {
    }

    /**
     * Files read lately: an activation re-reads only the files it changed, and a base file is read once for all the
     * scenarios built on it. A bundle has ~240 files.
     */
    private static final ContentCache<FileText, Loaded> LOADED = new ContentCache<>(2048);

    private static Loaded load(FileText f) {
        List<RuleProblem> problems = new ArrayList<>();
        Object loaded = ProtocolFileParser.load(f.path(), f.text(), problems);
        if (!(loaded instanceof Map<?, ?> root)) {
            if (problems.isEmpty()) {
                problems.add(RuleProblem.error(f.path(), 0, "a scenario file must be a YAML mapping"));
            }
            return new Loaded(null, List.copyOf(problems));
        }
        List<String> invalid = RulesSchemas.problems(f.schema(), root);
        invalid.forEach(p -> problems.add(RuleProblem.error(f.path(), 0, p + " (schema " + f.schema() + ")"
                + hint(p))));
        return new Loaded(invalid.isEmpty() ? (Map<?, ?>) unmodifiable(root) : null, List.copyOf(problems));
    }

    /** A YAML tree whose mappings and lists cannot be changed: a cached tree is shared by every reader. */
    private static Object unmodifiable(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, unmodifiable(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(unmodifiable(v)));
            return Collections.unmodifiableList(copy);
        }
        return node;
    }

    /** Keys of the scenario formats before issue 16 (eligibility, dosing, re-treatment, monitoring), and what replaced them. */
    private static final Map<String, String> RETIRED = Map.of(
            "'labs'", "labs are written as the API writes them: cd4Counts, cd4Percents, hivRna, neutrophils, haemoglobin,"
                    + " platelets, creatinine, each a list of { value, unit, sampleDate }",
            "'removeLabs'", "give the lab's list empty instead, e.g. hivRna: []",
            "'refusedFields'", "write error: { kind: invalid-input, fields: [...] }",
            "'asOf'", "asOf is a field of the request: request.asOf",
            "'previousCycles'", "the course history is a field of the request: request.previousCycles",
            "'doseDates'", "the doses given are a field of the request: request.doseDates",
            "'hivRna'", "HIV-1 RNA results are the candidate's: request.candidate.hivRna, each"
                    + " { value, comparator, unit, sampleDate }");

    private static String hint(String problem) {
        return RETIRED.entrySet().stream().filter(e -> problem.contains(e.getKey())).map(e -> ": " + e.getValue())
                .findFirst().orElse("");
    }

    /**
     * The request's candidate: the {@code base} file's candidate (a path relative to the folder of {@code path}),
     * with each key of {@code changes} replacing the base's ({@code cd4Counts: [...]}, {@code hivRna: []}), except
     * {@code art}, whose keys replace the base's art keys; null (and a problem) when the base cannot be read.
     */
    static Map<String, Object> candidate(RuleBundle bundle, String path, Object base, Object changes,
            List<RuleProblem> problems) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        if (base != null) {
            Map<?, ?> baseCandidate = base(bundle, path, String.valueOf(base), problems);
            if (baseCandidate == null) {
                return null;
            }
            baseCandidate.forEach((k, v) -> candidate.put(String.valueOf(k), v));
        }
        if (changes instanceof Map<?, ?> c) {
            c.forEach((k, v) -> {
                if (v instanceof Map<?, ?> art && candidate.get(k) instanceof Map<?, ?> baseArt) {
                    Map<Object, Object> merged = new LinkedHashMap<>(baseArt);
                    merged.putAll(art);
                    candidate.put(String.valueOf(k), merged);
                } else {
                    candidate.put(String.valueOf(k), v);
                }
            });
        }
        return candidate;
    }

    private static Map<?, ?> base(RuleBundle bundle, String path, String base, List<RuleProblem> problems) {
        String basePath = resolve(path, base);
        if (basePath == null || bundle.text(basePath) == null) {
            problems.add(RuleProblem.error(path, 0, "base file not found: " + base
                    + (basePath == null ? "" : " (" + basePath + ")")));
            return null;
        }
        int before = problems.size();
        Map<?, ?> root = load(bundle, basePath, RulesSchemas.SCENARIO_BASE, problems);
        if (root == null) {
            if (problems.size() == before) {
                problems.add(RuleProblem.error(path, 0, "base file " + basePath + " cannot be read"));
            }
            return null;
        }
        return (Map<?, ?>) root.get("candidate");
    }

    /** {@code relative} resolved against the folder of {@code from} ('.' and '..' collapsed); null if it leaves the bundle. */
    static String resolve(String from, String relative) {
        Deque<String> parts = new ArrayDeque<>();
        String folder = from.substring(0, from.lastIndexOf('/') + 1);
        for (String part : (folder + relative).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** {@code expect.error}, or null when the file expects an answer. */
    static ExpectedError error(ScenarioValues v, Object value, String at) {
        Map<?, ?> err = v.map(value, at);
        if (err == null) {
            return null;
        }
        ErrorKind kind = ErrorKind.of(v.text(err.get("kind")));
        if (kind == null) {
            v.error("'" + at + ".kind' must be invalid-input, refused or infeasible, not " + err.get("kind"));
        }
        List<String> fields = v.each(err.get("fields"), at + ".fields", (x, p) -> v.text(x));
        List<Integer> unplaced = v.each(err.get("unplacedDoses"), at + ".unplacedDoses", v::whole);
        if (fields != null && kind != ErrorKind.INVALID_INPUT) {
            v.error("'" + at + ".fields' is only checked for kind invalid-input");
        }
        if (unplaced != null && kind != ErrorKind.INFEASIBLE) {
            v.error("'" + at + ".unplacedDoses' is only checked for kind infeasible");
        }
        return new ExpectedError(kind, fields, unplaced, v.text(err.get("messageContains")));
    }
}
