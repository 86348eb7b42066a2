package org.il7cds.engine.rules;

import java.util.Collection;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Whether a knowledge base's sessions can be kept from one request to the next. A kept session has every fact of a
 * request deleted after firing, but a rule whose conditions are only absences ({@code not Lab(...)}, nothing matched)
 * keeps its match across requests and would fire once per session, not once per request. Read from the rules' DRL
 * with Drools' DRL parser (its public syntax tree, as {@link RuleSandbox} reads it), not from the compiled network.
 */
final class RuleShapes {

    private RuleShapes() {
    }

    /** True when every rule of these files matches at least one fact at its top level (outside not/exists/or). */
    static boolean everyRuleMatchesAFact(Collection<String> drlTexts) {
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
                if (rule.getLhs() == null || rule.getLhs().getDescrs().stream().noneMatch(RuleShapes::matchesAFact)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matchesAFact(BaseDescr d) {
        return d instanceof PatternDescr p && p.getSource() == null;
    }
}
