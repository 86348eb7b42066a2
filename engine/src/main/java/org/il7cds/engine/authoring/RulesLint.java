package org.il7cds.engine.authoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.rules.CompiledProtocol;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.DecidingRule;
import org.il7cds.engine.rules.LabCriteriaRules;
import org.il7cds.engine.rules.Parameter;
import org.il7cds.engine.rules.ProtocolDefinition;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.scenarios.DosingScenarioResult;
import org.il7cds.engine.scenarios.EligibilityScenario;
import org.il7cds.engine.scenarios.MonitoringScenarios;
import org.il7cds.engine.scenarios.ScenarioResult;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * What Drools accepts but a clinic should not. Rules are read from the compiled knowledge bases (their names and
 * metadata, through the public KIE API), so a rule is found however it is written, quoted or not:
 * <ul>
 * <li>a rule without {@code @source};</li>
 * <li>a hand-written rule no scenario exercises ({@link #checkRulesExercised}: an eligibility rule that decides no
 * criterion in any eligibility scenario, a dosing rule that fires in no dosing scenario);</li>
 * <li>in {@code protocol.yaml}: a numeric threshold without a unit, a lab criterion without a recency window, a
 * threshold text naming an unknown parameter, a title or threshold text naming a number its criterion's parameters
 * do not hold (a title left at "100–400" after the maximum became 350), and a criterion no scenario checks.</li>
 * </ul>
 * Of the rules generated from a lab criterion's declaration, the two that hold its bounds (met, not met) must each
 * decide in a scenario; the three others (no result, stale, conflicting) are the same template for every lab, tested
 * once (LabCriteriaRulesTest).
 */
public final class RulesLint {

    /** A number standing on its own in a text: "100–400", "≥ 3", "1.5"; not the 1 of "HIV-1" or the 4 of "CD4". */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.,-])\\d+(?:\\.\\d+)?(?![\\w.]*\\d)(?![A-Za-z])");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z0-9_.-]+}");

    private RulesLint() {
    }

    public static List<RuleProblem> check(RuleSet rules, List<EligibilityScenario> scenarios) {
        List<RuleProblem> findings = new ArrayList<>();
        RuleBundle bundle = rules.bundle();
        rules.protocols().values().forEach(compiled -> {
            ProtocolDefinition p = compiled.definition();
            String protocolFile = p.folder() + "protocol.yaml";
            for (CriterionDefinition c : p.criteria()) {
                checkCriterion(protocolFile, c, findings);
            }
            for (Rule rule : rules(compiled)) {
                if (DecidingRule.sourceOf(rule) == null || DecidingRule.sourceOf(rule).isBlank()) {
                    RuleProblem at = locate(bundle, p, rule);
                    findings.add(RuleProblem.error(at.file(), at.line(), "rule \"" + rule.getName()
                            + "\" cites no source: add @source(\"...\")"));
                }
            }
            Set<String> checked = new LinkedHashSet<>();
            scenarios.stream().filter(s -> s.protocolId().equals(p.id())).forEach(s -> {
                checked.addAll(s.expectedStatuses().keySet());
                checked.addAll(s.expectedRules().keySet());
            });
            for (CriterionDefinition c : p.criteria()) {
                if (!checked.contains(c.id())) {
                    findings.add(RuleProblem.error(protocolFile, 0, "criterion '" + c.id()
                            + "' is not checked by any scenario (name it under expect.criteria in a scenario file)"));
                }
            }
        });
        return findings;
    }

    /**
     * Every hand-written rule of a protocol must be exercised by its scenarios: an eligibility rule must decide a
     * criterion of at least one eligibility scenario, a dosing rule fire in at least one dosing scenario. Computed
     * from the scenario runs (no extra rule firing); a rule exercised only in a failing scenario still counts, the
     * failure is reported there.
     */
    public static List<RuleProblem> checkRulesExercised(RuleSet rules, List<ScenarioResult> eligibility,
            List<DosingScenarioResult> dosing) {
        List<RuleProblem> findings = new ArrayList<>();
        RuleBundle bundle = rules.bundle();
        rules.protocols().values().forEach(compiled -> {
            ProtocolDefinition p = compiled.definition();
            Set<String> decided = new HashSet<>();
            eligibility.stream().filter(r -> r.assessment() != null && r.assessment().protocolId().equals(p.id()))
                    .flatMap(r -> r.assessment().criteria().stream()).map(CriterionResult::rule)
                    .forEach(decided::add);
            String generated = LabCriteriaRules.packageOf(p);
            for (Rule rule : rules(compiled.eligibilityRules())) {
                if (isMonitoring(rule) || decided.contains(rule.getName())) {
                    continue;
                }
                if (!rule.getPackageName().equals(generated)) {
                    RuleProblem at = locate(bundle, p, rule);
                    findings.add(RuleProblem.error(at.file(), at.line(), "rule \"" + rule.getName()
                            + "\" decides no criterion in any scenario (add a file under " + p.folder()
                            + "scenarios/eligibility/ in which it decides)"));
                } else if (holdsBounds(rule)) {
                    findings.add(RuleProblem.error(p.folder() + "protocol.yaml", 0, "criterion '"
                            + DecidingRule.metadata(rule, "criterion") + "': its generated rule \"" + rule.getName()
                            + "\" decides in no scenario (add a file under " + p.folder() + "scenarios/eligibility/"
                            + " whose result is " + (LabCriteriaRules.MET.equals(DecidingRule.metadata(rule,
                                    LabCriteriaRules.OUTCOME)) ? "within" : "outside") + " the bounds)"));
                }
            }
            Set<String> fired = new HashSet<>();
            dosing.stream().filter(r -> r.protocolId().equals(p.id())).forEach(r -> fired.addAll(r.firedRules()));
            compiled.dosingRules().ifPresent(kb -> {
                for (Rule rule : rules(kb)) {
                    if (!fired.contains(rule.getName())) {
                        RuleProblem at = locate(bundle, p, rule);
                        findings.add(RuleProblem.error(at.file(), at.line(), "rule \"" + rule.getName()
                                + "\" is not exercised by any scenario (add a file under " + p.folder()
                                + "scenarios/dosing/ in which it fires)"));
                    }
                }
            });
        });
        return findings;
    }

    /**
     * Every rule of a protocol's monitoring DRL (package ending in {@value MonitoringEngine#RULE_PACKAGE_SUFFIX}, in the
     * eligibility knowledge base but fired only by the MonitoringEngine) must fire in at least one of that protocol's
     * monitoring scenarios, as dosing rules must in a dosing scenario.
     */
    public static List<RuleProblem> checkMonitoringRulesExercised(RuleSet rules, List<MonitoringScenarios.Run> runs) {
        List<RuleProblem> findings = new ArrayList<>();
        RuleBundle bundle = rules.bundle();
        rules.protocols().values().forEach(compiled -> {
            ProtocolDefinition p = compiled.definition();
            Set<String> fired = new HashSet<>();
            runs.stream().filter(r -> r.protocolId().equals(p.id())).forEach(r -> fired.addAll(r.firedRules()));
            for (Rule rule : rules(compiled.eligibilityRules())) {
                if (isMonitoring(rule) && !fired.contains(rule.getName())) {
                    RuleProblem at = locate(bundle, p, rule);
                    findings.add(RuleProblem.error(at.file(), at.line(), "rule \"" + rule.getName()
                            + "\" is not exercised by any scenario (add a file under " + p.folder()
                            + "scenarios/monitoring/ in which it fires)"));
                }
            }
        });
        return findings;
    }

    /**
     * A generated rule that holds its criterion's bounds (met, not met): each must decide in some scenario, so that a
     * bound is seen to work on both of its sides. The no-result, stale and conflicting rules are the same for every
     * lab and tested once (LabCriteriaRulesTest).
     */
    private static boolean holdsBounds(Rule rule) {
        String outcome = DecidingRule.metadata(rule, LabCriteriaRules.OUTCOME);
        return LabCriteriaRules.MET.equals(outcome) || LabCriteriaRules.NOT_MET.equals(outcome);
    }

    private static boolean isMonitoring(Rule rule) {
        return rule.getPackageName().endsWith(MonitoringEngine.RULE_PACKAGE_SUFFIX);
    }

    private static List<Rule> rules(CompiledProtocol compiled) {
        List<Rule> all = new ArrayList<>(rules(compiled.eligibilityRules()));
        compiled.dosingRules().ifPresent(kb -> all.addAll(rules(kb)));
        return all;
    }

    private static List<Rule> rules(KieBase kieBase) {
        List<Rule> all = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            all.addAll(pkg.getRules());
        }
        all.sort(java.util.Comparator.comparing(Rule::getPackageName).thenComparing(Rule::getName));
        return all;
    }

    /**
     * The file and line of a compiled rule, for the report: the DRL file of its protocol whose package is the rule's
     * and that declares a rule of that name (quoted or not); the protocol file for generated rules.
     */
    private static RuleProblem locate(RuleBundle bundle, ProtocolDefinition p, Rule rule) {
        if (rule.getPackageName().equals(LabCriteriaRules.packageOf(p))) {
            return RuleProblem.error(p.folder() + "protocol.yaml", 0, "");
        }
        Pattern declared = Pattern.compile("(?m)^\\s*rule\\s+(?:\"" + Pattern.quote(rule.getName()) + "\"|"
                + Pattern.quote(rule.getName()) + "(?=\\s))");
        Pattern pkg = Pattern.compile("(?m)^\\s*package\\s+" + Pattern.quote(rule.getPackageName()) + "\\s*;?\\s*$");
        for (String f : bundle.files().keySet()) {
            if (f.startsWith(p.folder()) && f.endsWith(".drl") && f.indexOf('/', p.folder().length()) < 0) {
                String text = bundle.text(f);
                Matcher m = declared.matcher(text);
                if (pkg.matcher(text).find() && m.find()) {
                    return RuleProblem.error(f, lineOf(text, m.start()), "");
                }
            }
        }
        return RuleProblem.error(p.folder(), 0, "");
    }

    private static void checkCriterion(String file, CriterionDefinition c, List<RuleProblem> findings) {
        for (Parameter param : c.parameters().values()) {
            if (param.isNumber() && (param.unit() == null || param.unit().isBlank())) {
                findings.add(RuleProblem.error(file, 0, "criterion '" + c.id() + "': parameter '" + param.name()
                        + "' is a threshold without a unit"));
            }
        }
        if (c.lab() != null && !c.parameters().containsKey(CriterionDefinition.WINDOW)) {
            findings.add(RuleProblem.error(file, 0, "criterion '" + c.id() + "' reads lab " + c.lab()
                    + " but declares no maxAgeDays recency window"));
        }
        for (String placeholder : c.thresholdPlaceholders()) {
            if (!c.parameters().containsKey(placeholder)) {
                findings.add(RuleProblem.error(file, 0, "criterion '" + c.id() + "': threshold text names {"
                        + placeholder + "}, which is not one of its parameters"));
            }
        }
        numbersHeld(file, c, "title", c.title(), findings);
        if (c.threshold() != null) {
            numbersHeld(file, c, "threshold", PLACEHOLDER.matcher(c.threshold()).replaceAll(" "), findings);
        }
    }

    /**
     * A number a criterion's title or threshold text names must be one of its parameter values: the verdict prints
     * that text beside the rules' decision, and a nurse reads the text.
     */
    private static void numbersHeld(String file, CriterionDefinition c, String what, String text,
            List<RuleProblem> findings) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            BigDecimal named = new BigDecimal(m.group());
            boolean held = c.parameters().values().stream()
                    .anyMatch(p -> p.isNumber() && p.number().compareTo(named) == 0);
            if (!held) {
                findings.add(RuleProblem.error(file, 0, "criterion '" + c.id() + "': its " + what + " \"" + text.strip()
                        + "\" names " + m.group() + ", which none of its parameters holds"
                        + (c.comparison() != null ? " (the bounds are printed from the parameters: write the title"
                                + " without numbers)" : " (write the value as a {parameter} or correct the text)")));
            }
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
