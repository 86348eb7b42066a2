package org.il7cds.engine.authoring;

import java.nio.file.Path;
import org.il7cds.engine.rules.RuleBundle;

/**
 * Command line: {@code validate <rules directory>}. Prints every problem with file and line and every failing
 * scenario, then VALID or INVALID; exits 0 when valid, 1 when not, 2 on a usage error. Changes nothing.
 */
public final class ValidateRulesCommand {

    private ValidateRulesCommand() {
    }

    public static int run(String[] args, java.io.PrintStream out) {
        if (args.length != 1) {
            out.println("usage: validate <rules directory>   (the folder holding bundle.yaml and protocols/)");
            return 2;
        }
        RuleBundle bundle;
        try {
            bundle = RuleBundle.fromDirectory(Path.of(args[0]));
        } catch (RuntimeException e) {
            out.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
        ValidationReport report = RulesValidator.validate(bundle).report();
        out.print(report.describe());
        return report.valid() ? 0 : 1;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }
}
