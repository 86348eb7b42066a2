package org.il7cds.engine.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.labs.LabKind;

/**
 * One eligibility criterion as its protocol file declares it: what it is, where it comes from, the lab it
 * reads (if any) and its parameters. The DRL decides it; this tells the verdict how to explain it.
 *
 * @param threshold a template such as "{min}–{max}", filled from the parameters
 */
public record CriterionDefinition(String id, String title, CriterionType type, String source, boolean assumption,
        LabKind lab, String threshold, String unit, Map<String, Parameter> parameters) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    public CriterionDefinition {
        parameters = Map.copyOf(parameters);
    }

    /** The threshold with its placeholders replaced by the parameter values ("≥ 100 and ≤ 400"). */
    public String renderedThreshold() {
        if (threshold == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(threshold);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Parameter p = parameters.get(m.group(1));
            String value = p == null ? m.group() : (p.isNumber() ? p.number().toPlainString() : p.display());
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
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
