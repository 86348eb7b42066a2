package org.il7cds.engine.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.junit.jupiter.api.Test;

/**
 * The catalogue, for every protocol of rules/: every rule written in an eligibility DRL file decides at least one
 * criterion in at least one eligibility or re-treatment scenario file of its protocol, every rule of a dosing.drl fires
 * in at least one dosing scenario of its protocol, and every rule of a monitoring.drl in one of its monitoring
 * scenarios. A new rule without a scenario fails the build (and, for dosing rules, validation: RulesLint).
 */
class RuleCatalogueTest {

    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern DOSING_DRL = Pattern.compile("protocols/([a-z0-9-]+)/dosing\\.drl");

    @Test
    void everyEligibilityRuleIsExercisedByAScenarioOfItsProtocol() {
        // Read from each protocol's compiled eligibility knowledge base, so a rule is counted however it is written: the
        // hand-written rules and every rule generated from the lab criteria (no result, stale and conflicting too, which
        // validation does not ask of an upload: RulesLint), the monitoring rules being the next test's.
        Set<String> written = new TreeSet<>();
        Engines.packagedRules().protocols().values().forEach(protocol -> protocol.eligibilityRules().getKiePackages()
                .stream().filter(p -> !p.getName().endsWith(".monitoring")).flatMap(p -> p.getRules().stream())
                .forEach(r -> written.add(protocol.definition().id() + ": " + r.getName())));
        Set<String> exercised = new TreeSet<>();
        // Eligibility and re-treatment scenarios alike: a retreatment criterion's rules are exercised by the latter.
        EligibilityScenariosTest.scenarios().stream()
                .map(s -> EligibilityScenarios.run(Engines.packagedRules(), s))
                .filter(r -> r.assessment() != null)
                .forEach(r -> r.assessment().criteria().stream()
                        .forEach(c -> exercised.add(r.assessment().protocolId() + ": " + c.rule())));
        assertThat(written).hasSizeGreaterThan(60);
        assertThat(exercised).as("rules exercised by the scenario files of their protocol").containsAll(written);
    }

    @Test
    void everyMonitoringRuleIsExercisedByAMonitoringScenarioOfItsProtocol() {
        Set<String> written = new TreeSet<>();
        Engines.packagedRules().protocols().values().forEach(protocol -> protocol.eligibilityRules().getKiePackages()
                .stream().filter(p -> p.getName().endsWith(".monitoring")).flatMap(p -> p.getRules().stream())
                .forEach(r -> written.add(protocol.definition().id() + ": " + r.getName())));
        Set<String> exercised = new TreeSet<>();
        MonitoringScenariosTest.scenarios().stream().map(s -> MonitoringScenarios.run(Engines.packagedRules(), s))
                .forEach(r -> r.firedRules().forEach(rule -> exercised.add(r.protocolId() + ": " + rule)));
        assertThat(written).hasSizeGreaterThanOrEqualTo(13);
        assertThat(exercised).as("monitoring rules fired by the monitoring scenario files").containsAll(written);
    }

    @Test
    void everyDosingRuleIsExercisedByADosingScenarioOfItsProtocol() {
        RuleBundle bundle = Engines.packagedRules().bundle();
        List<RuleProblem> problems = new ArrayList<>();
        List<DosingScenarioResult> results = DosingScenarios.read(bundle, problems).stream()
                .map(s -> DosingScenarios.run(Engines.packagedRules(), s)).toList();
        assertThat(problems).isEmpty();
        Set<String> written = new TreeSet<>();
        Set<String> exercised = new TreeSet<>();
        bundle.files().keySet().forEach(p -> {
            Matcher file = DOSING_DRL.matcher(p);
            if (!file.matches()) {
                return;
            }
            Matcher m = RULE.matcher(bundle.text(p));
            while (m.find()) {
                written.add(file.group(1) + ": " + m.group(1));
            }
            results.stream().filter(r -> r.protocolId().equals(file.group(1)))
                    .forEach(r -> r.firedRules().forEach(rule -> exercised.add(file.group(1) + ": " + rule)));
        });
        assertThat(written).hasSizeGreaterThanOrEqualTo(14);
        assertThat(exercised).as("dosing rules fired by the dosing scenario files").containsAll(written);
    }
}
