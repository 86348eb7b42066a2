package org.il7cds.engine.authoring;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/** The difference between two stored rules versions: one unified diff (3 lines of context) per changed file. */
public final class VersionDiff {

    /** How a file changed between the two versions. */
    public enum Change {
        ADDED, REMOVED, MODIFIED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One changed file and its unified diff ({@code --- a/path}, {@code +++ b/path}, hunks). */
    public record FileDiff(String path, Change change, String unifiedDiff) {
    }

    private static final int CONTEXT_LINES = 3;

    private VersionDiff() {
    }

    /** Every file that differs, in path order; files equal in both are left out. */
    public static List<FileDiff> between(SortedMap<String, String> from, SortedMap<String, String> to) {
        TreeSet<String> paths = new TreeSet<>(from.keySet());
        paths.addAll(to.keySet());
        List<FileDiff> diffs = new ArrayList<>();
        for (String path : paths) {
            String before = from.get(path);
            String after = to.get(path);
            if (before != null && before.equals(after)) {
                continue;
            }
            Change change = before == null ? Change.ADDED : after == null ? Change.REMOVED : Change.MODIFIED;
            List<String> a = lines(before);
            List<String> b = lines(after);
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + path,
                    after == null ? "/dev/null" : "b/" + path, a, DiffUtils.diff(a, b), CONTEXT_LINES);
            diffs.add(new FileDiff(path, change, String.join("\n", unified) + "\n"));
        }
        return diffs;
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
