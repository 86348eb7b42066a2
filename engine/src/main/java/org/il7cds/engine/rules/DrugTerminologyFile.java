package org.il7cds.engine.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.il7cds.engine.terminology.DrugTerminology;

/**
 * Reads a bundle's drug terminology ({@value #PATH}) once per bundle: its problems refuse the bundle like any other
 * rules file's ({@link RuleSetCompiler#compile}), and the engines look drugs up in it ({@link RuleSet#drugs()}). A
 * bundle without the file has {@link DrugTerminology#NONE}: drug names pass through as given.
 */
final class DrugTerminologyFile {

    static final String PATH = "terminology/antiretrovirals.yaml";

    /** Parsed once per bundle (bundles are immutable); weak, so that a replaced rules version is not kept. */
    private record Read(DrugTerminology terminology, List<RuleProblem> problems) {
    }

    private static final Map<RuleBundle, Read> PARSED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private DrugTerminologyFile() {
    }

    static DrugTerminology of(RuleBundle bundle) {
        return parsed(bundle).terminology();
    }

    static List<RuleProblem> problems(RuleBundle bundle) {
        return parsed(bundle).problems();
    }

    private static Read parsed(RuleBundle bundle) {
        return PARSED.computeIfAbsent(bundle, b -> {
            String text = b.text(PATH);
            if (text == null) {
                return new Read(DrugTerminology.NONE, List.of());
            }
            List<RuleProblem> problems = new ArrayList<>();
            Object tree = ProtocolFileParser.load(PATH, text, problems);
            if (!problems.isEmpty()) {
                return new Read(DrugTerminology.NONE, List.copyOf(problems));
            }
            DrugTerminology.Parsed parsed = DrugTerminology.parse(tree);
            parsed.problems().forEach(p -> problems.add(RuleProblem.error(PATH, 0, p)));
            return new Read(parsed.terminology(), List.copyOf(problems));
        });
    }
}
