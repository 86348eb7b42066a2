package org.il7cds.engine.labs;

/** How a reported numeric value relates to the true value: exact, or censored at an assay limit. */
public enum Comparator {
    EQ(""), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Parses "<", "<=", "≤", ">", ">=", "≥", "=" or an empty string; anything else is rejected. */
    public static Comparator parse(String text) {
        if (text == null) {
            return EQ;
        }
        return switch (text.trim()) {
            case "", "=" -> EQ;
            case "<" -> LT;
            case "<=", "≤" -> LE;
            case ">" -> GT;
            case ">=", "≥" -> GE;
            default -> throw new IllegalArgumentException(
                    "unknown comparator '" + text + "': use <, <=, >, >= or none");
        };
    }
}
