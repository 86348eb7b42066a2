package org.il7cds.engine.rules;

import java.util.Map;
import java.util.regex.Pattern;
import org.il7cds.engine.labs.LabKind;

/**
 * One eligibility criterion as its protocol file declares it: what it is, where it comes from, the lab it
 * reads (if any) and its parameters. Hand-written DRL or, for a lab criterion with a {@code comparison}, the rules
 * the engine generates ({@link LabCriteriaRules}) decide it; this tells the verdict how to explain it.
 *
 * @param title the title as written in protocol.yaml (for a lab criterion with a comparison, plain words: the
 *     verdict prints {@link #displayTitle()})
 * @param comparison how a lab criterion's rules are generated, or null (hand-written rules)
 * @param threshold a template such as "{min}–{max}", filled from the parameters; null for a criterion with a
 *     comparison (its threshold text is generated, {@link #renderedThreshold()})
 */
public record CriterionDefinition(String id, String title, CriterionType type, String source, boolean assumption,
        LabKind lab, Comparison comparison, String threshold, String unit, Map<String, Parameter> parameters) {

    /** The recency window parameter of a lab criterion, in days. */
    public static final String WINDOW = "maxAgeDays";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    public CriterionDefinition {
        parameters = Map.copyOf(parameters);
    }

    /** The bounds of a criterion with a comparison, as written in protocol.yaml ("100", "400"). */
    public java.util.List<String> boundValues() {
        return comparison == null ? java.util.List.of()
                : comparison.bounds().stream().map(b -> parameters.get(b).number().toPlainString()).toList();
    }

    /**
     * The title a verdict prints: for a criterion with a comparison, the plain title followed by its bounds and unit
     * ("CD4+ T-cell count 100–400 cells/uL"), from the same values the rules compare with; otherwise the title.
     */
    public String displayTitle() {
        if (comparison == null) {
            return title;
        }
        return title + " " + comparison.text(boundValues()) + (unit == null ? "" : " " + unit);
    }

    /** The threshold with its placeholders replaced by the parameter values ("≥ 100 and ≤ 400"). */
    public String renderedThreshold() {
        if (comparison != null) {
            return comparison.text(boundValues()) + ", drawn within " + parameters.get(WINDOW).number().toPlainString()
                    + " days";
        }
        if (threshold == null) {
            return null;
        }
        // A plain scan instead of PLACEHOLDER.matcher(...): this runs for every criterion of every assessment,
        // and the regex matcher cost more than the rest of the verdict. Same result: "{name}" with a name of
        // [A-Za-z0-9_.-]+ is replaced by the parameter's value; an unknown name or any other brace stays as is.
        int open = threshold.indexOf('{');
        if (open < 0) {
            return threshold;
        }
        StringBuilder out = new StringBuilder(threshold.length() + 16).append(threshold, 0, open);
        int i = open;
        while (i < threshold.length()) {
            char ch = threshold.charAt(i);
            if (ch == '{') {
                int end = i + 1;
                while (end < threshold.length() && isPlaceholderChar(threshold.charAt(end))) {
                    end++;
                }
                if (end > i + 1 && end < threshold.length() && threshold.charAt(end) == '}') {
                    Parameter p = parameters.get(threshold.substring(i + 1, end));
                    if (p == null) {
                        out.append(threshold, i, end + 1);
                    } else {
                        out.append(p.isNumber() ? p.number().toPlainString() : p.display());
                    }
                    i = end + 1;
                    continue;
                }
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }

    private static boolean isPlaceholderChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-';
    }

    /** The parameter names a threshold template refers to (checked by the lint). */
    public java.util.List<String> thresholdPlaceholders() {
        if (threshold == null) {
            return java.util.List.of();
        }
        return PLACEHOLDER.matcher(threshold).results().map(r -> r.group(1)).toList();
    }

    /** True when the criterion or any of its parameters is an assumption. */
    public boolean restsOnAssumption() {
        return assumption || parameters.values().stream().anyMatch(Parameter::assumption);
    }
}
