package org.il7cds.engine;

/** One thing wrong with an input, at a field path such as {@code labs[2].unit}. */
public record FieldProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
