package org.il7cds.api.records;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionChain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recorded answer against its replay: equal digests mean the same bytes; otherwise every difference the record
 * can show (status, verdict, each criterion's status, the digest and, when the record kept the whole answer, each
 * differing JSON value by its JSON pointer).
 */
final class AnswerComparison {

    /** Differences listed at most; a replay that differs more is hardly a replay of the same decision. */
    static final int MAX_DIFFERENCES = 1_000;

    record Difference(String field, String recorded, String replayed) {
    }

    record Result(boolean identical, String replayedDigest, List<Difference> differences) {
    }

    /** The replayed answer as the record would keep it. */
    record Replayed(int status, String verdict, String criteria, byte[] answer) {
    }

    private AnswerComparison() {
    }

    static Result compare(Decision recorded, Replayed replayed, JsonMapper json) {
        List<Difference> out = new ArrayList<>();
        String digest = DecisionChain.digest(replayed.answer());
        if (recorded.status() != replayed.status()) {
            out.add(new Difference("status", Integer.toString(recorded.status()), Integer.toString(replayed.status())));
        }
        if (!Objects.equals(recorded.verdict(), replayed.verdict())) {
            out.add(new Difference("verdict", recorded.verdict(), replayed.verdict()));
        }
        if (recorded.criteria() != null || replayed.criteria() != null) {
            Map<String, String> before = criteria(recorded.criteria());
            Map<String, String> after = criteria(replayed.criteria());
            Set<String> ids = new LinkedHashSet<>(before.keySet());
            ids.addAll(after.keySet());
            for (String id : ids) {
                if (!Objects.equals(before.get(id), after.get(id))) {
                    out.add(new Difference("criteria/" + id, before.get(id), after.get(id)));
                }
            }
        }
        if (!recorded.answerDigest().equals(digest)) {
            out.add(new Difference("answerDigest", recorded.answerDigest(), digest));
            if (recorded.answer() != null) {
                JsonNode before = json.readTree(recorded.answer());
                JsonNode after = json.readTree(replayed.answer());
                diff("", before, after, out);
            }
        }
        return new Result(out.isEmpty(), digest, out.size() > MAX_DIFFERENCES ? out.subList(0, MAX_DIFFERENCES) : out);
    }

    private static Map<String, String> criteria(String encoded) {
        Map<String, String> statuses = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split(";")) {
                int eq = pair.lastIndexOf('=');
                statuses.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return statuses;
    }

    private static void diff(String pointer, JsonNode a, JsonNode b, List<Difference> out) {
        if (out.size() > MAX_DIFFERENCES || Objects.equals(a, b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.propertyNames().forEach(names::add);
            b.propertyNames().forEach(names::add);
            for (String name : names) {
                diff(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), a.get(name), b.get(name), out);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray()) {
            Iterator<JsonNode> x = a.iterator();
            Iterator<JsonNode> y = b.iterator();
            for (int i = 0; x.hasNext() || y.hasNext(); i++) {
                diff(pointer + "/" + i, x.hasNext() ? x.next() : null, y.hasNext() ? y.next() : null, out);
            }
        } else {
            out.add(new Difference(pointer.isEmpty() ? "/" : pointer, text(a), text(b)));
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.isValueNode() && node.isString() ? node.asString() : node.toString();
    }
}
