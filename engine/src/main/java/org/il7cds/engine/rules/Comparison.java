package org.il7cds.engine.rules;

import java.util.List;
import java.util.Locale;

/**
 * How a lab criterion of {@code protocol.yaml} compares a result with its bounds ({@code comparison:}), the bound
 * parameters each one needs, and how its threshold reads. The engine generates the criterion's rules from it
 * ({@link LabCriteriaRules}).
 */
public enum Comparison {
    /** Met when the result is at least {@code min}. */
    AT_LEAST("at-least", List.of("min"), "at or above the minimum", "below the minimum"),
    /** Met when the result is at most {@code max}. */
    AT_MOST("at-most", List.of("max"), "at or below the maximum", "above the maximum"),
    /** Met when the result is at least {@code min} and at most {@code max} (both inclusive). */
    BETWEEN("between", List.of("min", "max"), "within the range", "outside the range"),
    /** Met when the result is strictly below {@code below}. */
    BELOW("below", List.of("below"), "below the threshold", "at or above the threshold");

    private final String yaml;
    private final List<String> bounds;
    private final String metName;
    private final String notMetName;

    Comparison(String yaml, List<String> bounds, String metName, String notMetName) {
        this.yaml = yaml;
        this.bounds = bounds;
        this.metName = metName;
        this.notMetName = notMetName;
    }

    /** The spelling in protocol.yaml ("at-least"). */
    public String yaml() {
        return yaml;
    }

    /** The bound parameters this comparison reads, in order. */
    public List<String> bounds() {
        return bounds;
    }

    /** How the generated met rule's name ends ("within the range"). */
    String metName() {
        return metName;
    }

    String notMetName() {
        return notMetName;
    }

    /** The comparison a protocol file names, or null. */
    public static Comparison of(String yaml) {
        String wanted = yaml.trim().toLowerCase(Locale.ROOT);
        for (Comparison c : values()) {
            if (c.yaml.equals(wanted)) {
                return c;
            }
        }
        return null;
    }

    /** "100–400", "≥ 1500", "≤ 1.5", "< 50": the bounds as the verdict prints them. */
    String text(List<String> values) {
        return switch (this) {
            case AT_LEAST -> "≥ " + values.get(0);
            case AT_MOST -> "≤ " + values.get(0);
            case BETWEEN -> values.get(0) + "–" + values.get(1);
            case BELOW -> "< " + values.get(0);
        };
    }

    /** The Drools constraint of a met result ("value >= 100B, value <= 400B"), bounds as BigDecimal literals. */
    String metConstraint(List<String> values) {
        return switch (this) {
            case AT_LEAST -> "value >= " + values.get(0) + "B";
            case AT_MOST -> "value <= " + values.get(0) + "B";
            case BETWEEN -> "value >= " + values.get(0) + "B, value <= " + values.get(1) + "B";
            case BELOW -> "value < " + values.get(0) + "B";
        };
    }

    String notMetConstraint(List<String> values) {
        return switch (this) {
            case AT_LEAST -> "value < " + values.get(0) + "B";
            case AT_MOST -> "value > " + values.get(0) + "B";
            case BETWEEN -> "value < " + values.get(0) + "B || value > " + values.get(1) + "B";
            case BELOW -> "value >= " + values.get(0) + "B";
        };
    }
}
