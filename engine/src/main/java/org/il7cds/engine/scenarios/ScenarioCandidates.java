package org.il7cds.engine.scenarios;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.rules.ProtocolFileParser;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;

/**
 * The candidate part shared by eligibility and dosing scenario files: a shared base file (its {@code candidate:}
 * mapping, e.g. {@code scenarios/eligibility/_eligible.yaml}) and the changes a scenario makes to it.
 */
final class ScenarioCandidates {

    private ScenarioCandidates() {
    }

    /**
     * The {@code candidate:} mapping of the base file {@code base}, a path relative to the folder of
     * {@code scenarioPath} ("_eligible.yaml", "../eligibility/_eligible.yaml"); null (and a problem) when it
     * cannot be found or read.
     */
    static Map<String, Object> base(RuleBundle bundle, String scenarioPath, Object base, List<RuleProblem> problems) {
        String basePath = resolve(scenarioPath, String.valueOf(base));
        String baseText = basePath == null ? null : bundle.text(basePath);
        if (baseText == null) {
            problems.add(RuleProblem.error(scenarioPath, 0, "base file not found: " + base
                    + (basePath == null ? "" : " (" + basePath + ")")));
            return null;
        }
        int before = problems.size();
        if (ProtocolFileParser.load(basePath, baseText, problems) instanceof Map<?, ?> root
                && root.get("candidate") instanceof Map<?, ?> bc) {
            Map<String, Object> candidate = new LinkedHashMap<>();
            bc.forEach((k, v) -> candidate.put(String.valueOf(k), v));
            return candidate;
        }
        if (problems.size() == before) {
            problems.add(RuleProblem.error(scenarioPath, 0, "base file " + basePath + " has no 'candidate:' mapping"));
        }
        return null;
    }

    /** Scenario changes replace base keys; "labs" replace base labs of the same kind; "removeLabs" drops kinds. */
    static void merge(Map<String, Object> candidate, Map<?, ?> changes) {
        changes.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.equals("labs") && v instanceof List<?> labs && candidate.get("labs") instanceof List<?> base) {
                List<String> kinds = labs.stream().map(l -> l instanceof Map<?, ?> m ? String.valueOf(m.get("kind")) : "")
                        .toList();
                List<Object> merged = new ArrayList<>(base.stream()
                        .filter(l -> !(l instanceof Map<?, ?> m && kinds.contains(String.valueOf(m.get("kind"))))).toList());
                merged.addAll(labs);
                candidate.put("labs", merged);
            } else if (key.equals("removeLabs") && v instanceof List<?> kinds && candidate.get("labs") instanceof List<?> base) {
                candidate.put("labs", base.stream().filter(l -> !(l instanceof Map<?, ?> m
                        && kinds.stream().map(String::valueOf).toList().contains(String.valueOf(m.get("kind"))))).toList());
            } else if (key.equals("art") && v instanceof Map<?, ?> art && candidate.get("art") instanceof Map<?, ?> baseArt) {
                Map<Object, Object> mergedArt = new LinkedHashMap<>(baseArt);
                mergedArt.putAll(art);
                candidate.put("art", mergedArt);
            } else {
                candidate.put(key, v);
            }
        });
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
}
