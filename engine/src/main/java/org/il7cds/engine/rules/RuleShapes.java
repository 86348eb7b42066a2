package org.il7cds.engine.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Whether a knowledge base's sessions can be kept from one request to the next, and which facts may stay in them. A
 * kept session has every fact of a request deleted after firing, but a rule whose conditions are only absences
 * ({@code not Lab(...)}, nothing matched), or only absences and facts kept in the session (the protocol's criteria),
 * keeps its match across requests and would fire once per session, not once per request. Read from the rules' DRL
 * with Drools' DRL parser (its public syntax tree, as {@link RuleSandbox} reads it), not from the compiled network.
 */
final class RuleShapes {

    private RuleShapes() {
    }

    /** True when every rule of these files matches at least one fact at its top level (outside not/exists/or). */
    static boolean everyRuleMatchesAFact(Collection<String> drlTexts) {
        return everyRuleMatchesAFactOtherThan(drlTexts, null);
    }

    /**
     * True when every rule of these files matches, at its top level, at least one fact of a type other than
     * {@code resident} (a simple class name): facts of that type can then stay in a kept session from one request to
     * the next, because no rule's match rests on them alone.
     */
    static boolean everyRuleMatchesAFactOtherThan(Collection<String> drlTexts, String resident) {
        for (String text : drlTexts) {
            Optional<List<List<String>>> rules = SHAPES.get(text, RuleShapes::topLevelFacts);
            if (rules.isEmpty()
                    || rules.get().stream().anyMatch(types -> types.stream().noneMatch(t -> isNot(t, resident)))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a fact type (simple or qualified name) is other than {@code resident} (any type, when null). */
    private static boolean isNot(String type, String resident) {
        return resident == null || !(type.equals(resident) || type.endsWith("." + resident));
    }

    /** Each file's rules' top-level fact types, for the files seen lately (an activation re-reads only changed ones). */
    private static final ContentCache<String, Optional<List<List<String>>>> SHAPES = new ContentCache<>(512);

    /**
     * For each rule of the text, the types of the facts it matches at its top level (outside not/exists/or, and not
     * from a source); empty when the text cannot be read as DRL.
     */
    private static Optional<List<List<String>>> topLevelFacts(String text) {
        DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            return Optional.empty();
        }
        if (pkg == null || parser.hasErrors()) {
            return Optional.empty();
        }
        List<List<String>> rules = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            rules.add(rule.getLhs() == null ? List.of() : rule.getLhs().getDescrs().stream()
                    .filter(d -> d instanceof PatternDescr p && p.getSource() == null)
                    .map(d -> ((PatternDescr) d).getObjectType()).toList());
        }
        return Optional.of(List.copyOf(rules));
    }
}
