package org.il7cds.engine.rules;

import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.terminology.DrugTerminology;

/**
 * Reads a bundle's drug terminology ({@value #PATH}) when the bundle is compiled: its problems refuse the bundle like
 * any other rules file's ({@link RuleSetCompiler#compile}), and the parsed terminology is kept in the compiled
 * {@link RuleSet#drugs()}, so a request never parses or looks it up again. A bundle without the file has
 * {@link DrugTerminology#NONE}: drug names pass through as given.
 */
final class DrugTerminologyFile {

    static final String PATH = "terminology/antiretrovirals.yaml";

    private DrugTerminologyFile() {
    }

    /** The bundle's terminology, or NONE with the file's problems added to {@code problems}. */
    static DrugTerminology read(RuleBundle bundle, List<RuleProblem> problems) {
        String text = bundle.text(PATH);
        if (text == null) {
            return DrugTerminology.NONE;
        }
        List<RuleProblem> found = new ArrayList<>();
        Object tree = ProtocolFileParser.load(PATH, text, found);
        if (found.isEmpty()) {
            DrugTerminology.Parsed parsed = DrugTerminology.parse(tree);
            parsed.problems().forEach(p -> found.add(RuleProblem.error(PATH, 0, p)));
            if (found.isEmpty()) {
                return parsed.terminology();
            }
        }
        problems.addAll(found);
        return DrugTerminology.NONE;
    }
}
