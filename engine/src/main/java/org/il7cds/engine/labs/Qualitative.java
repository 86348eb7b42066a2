package org.il7cds.engine.labs;

/** A qualitative result reported instead of a number. */
public enum Qualitative {
    /** "Target not detected": no HIV-1 RNA detected by the assay. */
    NOT_DETECTED;

    /** Accepts the spellings laboratories use ("not detected", "target not detected", "TND", "undetectable"). */
    public static Qualitative parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return switch (t) {
            case "not detected", "target not detected", "tnd", "undetectable" -> NOT_DETECTED;
            default -> throw new IllegalArgumentException("unknown qualitative result '" + text
                    + "': use 'not detected' (or give a value with a comparator such as <20)");
        };
    }
}
