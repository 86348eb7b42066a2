package org.il7cds.engine.rules;

import java.util.Collection;
import org.drools.drl.ast.descr.BaseDescr;
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
            DrlParser parser = new DrlParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
            PackageDescr pkg;
            try {
                pkg = parser.parse(false, text);
            } catch (DroolsParserException e) {
                return false;
            }
            if (pkg == null || parser.hasErrors()) {
                return false;
            }
            for (RuleDescr rule : pkg.getRules()) {
                if (rule.getLhs() == null
                        || rule.getLhs().getDescrs().stream().noneMatch(d -> matchesAFact(d, resident))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matchesAFact(BaseDescr d, String resident) {
        return d instanceof PatternDescr p && p.getSource() == null && (resident == null
                || !(p.getObjectType().equals(resident) || p.getObjectType().endsWith("." + resident)));
    }
}
