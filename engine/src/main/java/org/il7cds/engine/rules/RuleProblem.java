package org.il7cds.engine.rules;

/**
 * A problem found in a rules file: a compile error, a parse error of a protocol or scenario file, or a
 * lint finding. {@code line} is 0 when the problem has no single line.
 */
public record RuleProblem(Severity severity, String file, int line, String message) {

    public enum Severity {
        ERROR, WARNING
    }

    public static RuleProblem error(String file, int line, String message) {
        return new RuleProblem(Severity.ERROR, file, line, message);
    }

    public static RuleProblem warning(String file, int line, String message) {
        return new RuleProblem(Severity.WARNING, file, line, message);
    }

    @Override
    public String toString() {
        return severity + " " + file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
