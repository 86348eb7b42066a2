package org.il7cds.engine.scenarios;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.course.RetreatmentDecision;
import org.il7cds.engine.eligibility.PreviousCycle;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.ProtocolFileParser;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;

/**
 * Reads the eligibility scenario files of a rules bundle ({@code protocols/<id>/scenarios/eligibility/*.yaml};
 * files starting with '_' are shared bases, not scenarios) and runs them against a rule set.
 */
public final class EligibilityScenarios {

    private static final Pattern SCENARIO = Pattern.compile(
            "protocols/([a-z0-9-]+)/scenarios/(eligibility|retreatment)/([^/_][^/]*)\\.ya?ml");

    private EligibilityScenarios() {
    }

    /** Parses every scenario file; problems (bad YAML, unknown status names) are collected, not thrown. */
    public static List<EligibilityScenario> read(RuleBundle bundle, List<RuleProblem> problems) {
        List<EligibilityScenario> scenarios = new ArrayList<>();
        for (String path : bundle.files().keySet()) {
            Matcher m = SCENARIO.matcher(path);
            if (!m.matches()) {
                continue;
            }
            try {
                EligibilityScenario s = parse(bundle, path, m.group(1), m.group(2).equals("retreatment"), problems);
                if (s != null) {
                    scenarios.add(s);
                }
            } catch (InvalidInputException e) {
                problems.add(RuleProblem.error(path, 0, "candidate: " + e.getMessage()));
            } catch (RuntimeException e) {
                problems.add(RuleProblem.error(path, 0, String.valueOf(e.getMessage())));
            }
        }
        return scenarios;
    }

    /** Runs one scenario against {@code rules}, on a clock fixed at the scenario's "today". */
    public static ScenarioResult run(RuleSet rules, EligibilityScenario s) {
        Clock clock = Clock.fixed(s.today().atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        EligibilityEngine engine = new EligibilityEngine(() -> rules, clock);
        List<String> diff = new ArrayList<>();
        Assessment a;
        RetreatmentDecision decision = null;
        try {
            if (s.retreatment()) {
                a = engine.assessRetreatment(rules, s.protocolId(), s.candidate(), s.previousCycles(), s.asOf(), clock);
                decision = RetreatmentDecision.of(a);
            } else {
                a = engine.assess(rules, s.protocolId(), s.candidate(), s.asOf());
            }
        } catch (InvalidInputException e) {
            List<String> fields = e.problems().stream().map(FieldProblem::field).toList();
            if (s.expectedErrorFields().isEmpty()) {
                diff.add("expected a verdict, but the input was refused: " + e.getMessage());
            } else if (!fields.containsAll(s.expectedErrorFields())) {
                diff.add("expected the input to be refused on " + s.expectedErrorFields() + ", but it was refused on "
                        + fields);
            }
            return new ScenarioResult(s.file(), s.name(), diff, null);
        } catch (RulesExecutionException e) {
            diff.add("the rules failed: " + e.getMessage());
            return new ScenarioResult(s.file(), s.name(), diff, null);
        }
        if (!s.expectedErrorFields().isEmpty()) {
            diff.add("expected the input to be refused on " + s.expectedErrorFields() + ", but got " + a.verdict());
        }
        if (s.expectedVerdict() != null && s.expectedVerdict() != a.verdict()) {
            diff.add(s.retreatment() ? "decision: expected " + decisionOf(s.expectedVerdict()) + ", got "
                    + decision.decision() : "verdict: expected " + s.expectedVerdict() + ", got " + a.verdict());
        }
        if (s.expectedEarliestDate() != null && decision != null
                && !s.expectedEarliestDate().equals(decision.earliestDate())) {
            diff.add("earliestDate: expected " + s.expectedEarliestDate() + ", got " + decision.earliestDate());
        }
        Map<String, CriterionResult> byId = new LinkedHashMap<>();
        a.criteria().forEach(c -> byId.put(c.criterionId(), c));
        s.expectedStatuses().forEach((id, status) -> {
            CriterionResult c = byId.get(id);
            if (c == null) {
                diff.add(id + ": no such criterion in protocol " + a.protocolId());
            } else if (c.status() != status) {
                diff.add(id + ": expected " + status + ", got " + c.status() + " (rule '" + c.rule() + "', observed "
                        + c.observed() + ")");
            }
        });
        s.expectedRules().forEach((id, rule) -> {
            CriterionResult c = byId.get(id);
            if (c != null && !Objects.equals(rule, c.rule())) {
                diff.add(id + ": expected rule '" + rule + "', got '" + c.rule() + "'");
            }
        });
        s.expectedSettleBy().forEach((id, text) -> {
            CriterionResult c = byId.get(id);
            if (c != null && (c.settleBy() == null || !c.settleBy().contains(text))) {
                diff.add(id + ": expected 'settle by' to contain '" + text + "', got '" + c.settleBy() + "'");
            }
        });
        return new ScenarioResult(s.file(), s.name(), diff, a);
    }

    private static RetreatmentDecision.Decision decisionOf(Verdict v) {
        return switch (v) {
            case ELIGIBLE -> RetreatmentDecision.Decision.INDICATED;
            case NOT_ELIGIBLE -> RetreatmentDecision.Decision.NOT_INDICATED;
            case INCOMPLETE -> RetreatmentDecision.Decision.UNDETERMINED;
        };
    }

    private static Verdict verdictOf(String decision) {
        return switch (RetreatmentDecision.Decision.valueOf(decision.toUpperCase(Locale.ROOT))) {
            case INDICATED -> Verdict.ELIGIBLE;
            case NOT_INDICATED -> Verdict.NOT_ELIGIBLE;
            case UNDETERMINED -> Verdict.INCOMPLETE;
        };
    }

    /** A re-treatment scenario's {@code previousCycles:} (protocolId, doseLevelUgPerKg, doseDates); null when absent. */
    private static List<PreviousCycle> cycles(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("previousCycles must be a list");
        }
        List<PreviousCycle> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> c)) {
                throw new IllegalArgumentException("previousCycles: each cycle must be a mapping");
            }
            for (Object k : c.keySet()) {
                if (!Set.of("protocolId", "doseLevelUgPerKg", "doseDates").contains(String.valueOf(k))) {
                    throw new IllegalArgumentException("unknown key 'previousCycles." + k
                            + "' (known: [doseDates, doseLevelUgPerKg, protocolId])");
                }
            }
            List<LocalDate> dates = c.get("doseDates") instanceof List<?> d
                    ? d.stream().map(x -> LocalDate.parse(String.valueOf(x))).toList() : null;
            out.add(new PreviousCycle(c.get("protocolId") == null ? null : String.valueOf(c.get("protocolId")),
                    c.get("doseLevelUgPerKg") == null ? null : new java.math.BigDecimal(String.valueOf(
                            c.get("doseLevelUgPerKg"))), dates));
        }
        return out;
    }

    private static EligibilityScenario parse(RuleBundle bundle, String path, String protocol, boolean retreatment,
            List<RuleProblem> problems) {
        if (!(ProtocolFileParser.load(path, bundle.text(path), problems) instanceof Map<?, ?> root)) {
            problems.add(RuleProblem.error(path, 0, "a scenario file must be a YAML mapping"));
            return null;
        }
        // Unknown keys are problems, not ignored: a typo such as "critera:" must not silently test nothing.
        int before = problems.size();
        unknownKeys(path, "", root, retreatment ? RETREATMENT_TOP_KEYS : TOP_KEYS, problems);
        if (root.get("expect") instanceof Map<?, ?> e) {
            unknownKeys(path, "expect.", e, retreatment ? RETREATMENT_EXPECT_KEYS : EXPECT_KEYS, problems);
        }
        if (root.get("candidate") instanceof Map<?, ?> c) {
            unknownKeys(path, "candidate.", c, CANDIDATE_KEYS, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        String name = Objects.toString(root.get("name"), path);
        LocalDate asOf = LocalDate.parse(String.valueOf(required(root, "asOf")));
        LocalDate today = root.get("today") == null ? asOf : LocalDate.parse(String.valueOf(root.get("today")));
        Map<String, Object> candidate = new LinkedHashMap<>();
        if (root.get("base") != null) {
            Map<String, Object> base = ScenarioCandidates.base(bundle, path, root.get("base"), problems);
            if (base == null) {
                return null;
            }
            candidate.putAll(base);
        }
        if (root.get("candidate") instanceof Map<?, ?> changes) {
            ScenarioCandidates.merge(candidate, changes);
        }
        Map<?, ?> expect = root.get("expect") instanceof Map<?, ?> e ? e : Map.of();
        Verdict verdict = retreatment
                ? (expect.get("decision") == null ? null : verdictOf(String.valueOf(expect.get("decision"))))
                : expect.get("verdict") == null ? null
                : Verdict.valueOf(String.valueOf(expect.get("verdict")).toUpperCase(Locale.ROOT));
        Map<String, Status> statuses = new LinkedHashMap<>();
        if (expect.get("criteria") instanceof Map<?, ?> criteria) {
            criteria.forEach((k, v) -> statuses.put(String.valueOf(k),
                    Status.valueOf(String.valueOf(v).toUpperCase(Locale.ROOT))));
        }
        List<String> errorFields = expect.get("refusedFields") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
        if (verdict == null && statuses.isEmpty() && errorFields.isEmpty()) {
            problems.add(RuleProblem.error(path, 0, "expect: give a " + (retreatment ? "decision" : "verdict")
                    + ", criteria statuses or refusedFields"));
            return null;
        }
        return new EligibilityScenario(path, name, root.get("protocol") == null ? protocol
                : String.valueOf(root.get("protocol")), asOf, today, CandidateYaml.read(candidate), verdict, statuses,
                strings(expect.get("rules")), strings(expect.get("settleBy")), errorFields, retreatment,
                retreatment ? cycles(root.get("previousCycles")) : null,
                expect.get("earliestDate") == null ? null : LocalDate.parse(String.valueOf(expect.get("earliestDate"))));
    }

    private static final Set<String> TOP_KEYS = Set.of("name", "source", "protocol", "asOf", "today", "base",
            "candidate", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("verdict", "criteria", "rules", "settleBy", "refusedFields");
    private static final Set<String> RETREATMENT_TOP_KEYS = Set.of("name", "source", "protocol", "asOf", "today",
            "base", "candidate", "previousCycles", "expect");
    private static final Set<String> RETREATMENT_EXPECT_KEYS = Set.of("decision", "earliestDate", "criteria", "rules",
            "settleBy", "refusedFields");
    private static final Set<String> CANDIDATE_KEYS = Set.of("pseudonymId", "birthDate", "ageYears", "sex", "pregnant",
            "breastfeeding", "labs", "removeLabs", "art", "priorInterleukinTherapy", "malignancyHistory",
            "activeOpportunisticInfection");

    private static void unknownKeys(String path, String at, Map<?, ?> map, Set<String> allowed,
            List<RuleProblem> problems) {
        map.keySet().stream().map(String::valueOf).filter(k -> !allowed.contains(k)).sorted().forEach(k ->
                problems.add(RuleProblem.error(path, 0, "unknown key '" + at + k + "' (known: "
                        + new java.util.TreeSet<>(allowed) + ")")));
    }

    private static Object required(Map<?, ?> root, String key) {
        Object v = root.get(key);
        if (v == null) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
        return v;
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }
}
