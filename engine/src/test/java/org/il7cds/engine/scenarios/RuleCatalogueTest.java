package org.il7cds.engine.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.RuleBundle;
import org.junit.jupiter.api.Test;

/**
 * The catalogue: every rule written in an eligibility DRL file of rules/ decides at least one criterion in
 * at least one scenario file. A new rule without a scenario fails the build.
 */
class RuleCatalogueTest {

    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");

    @Test
    void everyEligibilityRuleIsExercisedByAScenario() {
        RuleBundle bundle = Engines.packagedRules().bundle();
        Set<String> written = new TreeSet<>();
        bundle.files().keySet().stream()
                .filter(p -> p.endsWith(".drl") && !p.endsWith("/dosing.drl"))
                .forEach(p -> {
                    Matcher m = RULE.matcher(bundle.text(p));
                    while (m.find()) {
                        written.add(m.group(1));
                    }
                });
        Set<String> exercised = new TreeSet<>();
        EligibilityScenariosTest.scenarios().stream()
                .map(s -> EligibilityScenarios.run(Engines.packagedRules(), s))
                .filter(r -> r.assessment() != null)
                .forEach(r -> r.assessment().criteria().stream().map(CriterionResult::rule).forEach(exercised::add));
        assertThat(written).hasSizeGreaterThan(30);
        assertThat(exercised).as("rules exercised by the scenario files").containsAll(written);
    }
}
