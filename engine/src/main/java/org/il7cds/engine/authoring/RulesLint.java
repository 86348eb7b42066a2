package org.il7cds.engine.authoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.HashMap;
import java.util.Map;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.scenarios.MonitoringScenarios;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.Parameter;
import org.il7cds.engine.rules.ProtocolDefinition;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.scenarios.DosingScenarioResult;
import org.il7cds.engine.scenarios.EligibilityScenario;

/**
 * What Drools accepts but a clinic should not: a rule without a source citation, a rule that records no
 * decision, a rule about a criterion the protocol file does not declare, a parameter a rule reads that the
 * criterion does not declare, a numeric threshold without a unit, a lab criterion without a recency window,
 * a threshold text naming an unknown parameter, a criterion no scenario checks, and (from the dosing scenario
 * runs, {@link #checkDosingRulesExercised}) a dosing rule no scenario exercises.
 */
public final class RulesLint {

    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern CRITERION_PATTERN = Pattern.compile(
            "Criterion\\(\\s*id\\s*==\\s*\"([^\"]+)\"((?:[^()]|\\([^()]*\\))*)\\)");
    private static final Pattern PARAMETER_CALL = Pattern.compile("\\b(?:num|whole|list)\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final Pattern DECISION = Pattern.compile("\\bfindings\\s*\\.\\s*(?:met|notMet|notMetUntil|unknown)\\s*\\(");

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
            bundle.files().keySet().stream()
                    .filter(f -> f.startsWith(p.folder()) && f.endsWith(".drl") && f.indexOf('/', p.folder().length()) < 0)
                    .forEach(f -> checkDrl(f, bundle.text(f), p, findings));
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
     * Every rule of a protocol's dosing DRL (a file whose package ends in {@value DosingEngine#RULE_PACKAGE_SUFFIX})
     * must have fired in at least one of that protocol's dosing scenarios. Computed from the scenario runs (no
     * extra rule firing); a rule that fired only in a failing scenario still counts, the failure is reported
     * there.
     */
    public static List<RuleProblem> checkDosingRulesExercised(RuleSet rules, List<DosingScenarioResult> results) {
        Map<String, Set<String>> fired = new HashMap<>();
        results.forEach(r -> fired.computeIfAbsent(r.protocolId(), k -> new HashSet<>()).addAll(r.firedRules()));
        return checkExercised(rules, DosingEngine.RULE_PACKAGE_SUFFIX, fired, "dosing");
    }

    /**
     * Every rule of a protocol's monitoring DRL (package ending in {@value MonitoringEngine#RULE_PACKAGE_SUFFIX})
     * must have fired in at least one of that protocol's monitoring scenarios, as for dosing rules.
     */
    public static List<RuleProblem> checkMonitoringRulesExercised(RuleSet rules, List<MonitoringScenarios.Run> runs) {
        Map<String, Set<String>> fired = new HashMap<>();
        runs.forEach(r -> fired.computeIfAbsent(r.protocolId(), k -> new HashSet<>()).addAll(r.firedRules()));
        return checkExercised(rules, MonitoringEngine.RULE_PACKAGE_SUFFIX, fired, "monitoring");
    }

    private static List<RuleProblem> checkExercised(RuleSet rules, String packageSuffix,
            Map<String, Set<String>> firedByProtocol, String scenarioFolder) {
        List<RuleProblem> findings = new ArrayList<>();
        RuleBundle bundle = rules.bundle();
        rules.protocols().values().forEach(compiled -> {
            ProtocolDefinition p = compiled.definition();
            Set<String> fired = firedByProtocol.getOrDefault(p.id(), Set.of());
            bundle.files().keySet().stream()
                    .filter(f -> f.startsWith(p.folder()) && f.endsWith(".drl") && f.indexOf('/', p.folder().length()) < 0)
                    .forEach(f -> {
                        String text = bundle.text(f);
                        Matcher pkg = PACKAGE.matcher(text);
                        if (!pkg.find() || !pkg.group(1).endsWith(packageSuffix)) {
                            return;
                        }
                        Matcher rule = RULE.matcher(text);
                        while (rule.find()) {
                            if (!fired.contains(rule.group(1))) {
                                findings.add(RuleProblem.error(f, lineOf(text, rule.start()), "rule \"" + rule.group(1)
                                        + "\" is not exercised by any scenario (add a file under " + p.folder()
                                        + "scenarios/" + scenarioFolder + "/ in which it fires)"));
                            }
                        }
                    });
        });
        return findings;
    }

    private static void checkCriterion(String file, CriterionDefinition c, List<RuleProblem> findings) {
        for (Parameter param : c.parameters().values()) {
            if (param.isNumber() && (param.unit() == null || param.unit().isBlank())) {
                findings.add(RuleProblem.error(file, 0, "criterion '" + c.id() + "': parameter '" + param.name()
                        + "' is a threshold without a unit"));
            }
        }
        if (c.lab() != null && !c.parameters().containsKey("maxAgeDays")) {
            findings.add(RuleProblem.error(file, 0, "criterion '" + c.id() + "' reads lab " + c.lab()
                    + " but declares no maxAgeDays recency window"));
        }
        for (String placeholder : c.thresholdPlaceholders()) {
            if (!c.parameters().containsKey(placeholder)) {
                findings.add(RuleProblem.error(file, 0, "criterion '" + c.id() + "': threshold text names {"
                        + placeholder + "}, which is not one of its parameters"));
            }
        }
    }

    private static void checkDrl(String file, String text, ProtocolDefinition p, List<RuleProblem> findings) {
        Matcher rule = RULE.matcher(text);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (rule.find()) {
            spans.add(new int[] {rule.start(), 0});
            names.add(rule.group(1));
        }
        for (int i = 0; i < spans.size(); i++) {
            int start = spans.get(i)[0];
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
            String body = text.substring(start, end);
            int line = lineOf(text, start);
            String name = names.get(i);
            if (!body.contains("@source(")) {
                findings.add(RuleProblem.error(file, line, "rule \"" + name + "\" cites no source: add @source(\"...\")"));
            }
            if (!DECISION.matcher(body).find() && !file.endsWith("/dosing.drl") && !file.endsWith("/monitoring.drl")) {
                findings.add(RuleProblem.warning(file, line, "rule \"" + name
                        + "\" records no decision (findings.met / notMet / unknown)"));
            }
            Matcher criterion = CRITERION_PATTERN.matcher(body);
            while (criterion.find()) {
                String id = criterion.group(1);
                var declared = p.criterion(id);
                if (declared.isEmpty()) {
                    findings.add(RuleProblem.error(file, line, "rule \"" + name + "\" is about criterion '" + id
                            + "', which " + p.folder() + "protocol.yaml does not declare"));
                    continue;
                }
                Matcher call = PARAMETER_CALL.matcher(criterion.group(2));
                while (call.find()) {
                    if (!declared.get().parameters().containsKey(call.group(1))) {
                        findings.add(RuleProblem.error(file, line, "rule \"" + name + "\" reads parameter '"
                                + call.group(1) + "' of criterion '" + id + "', which does not declare it"));
                    }
                }
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
