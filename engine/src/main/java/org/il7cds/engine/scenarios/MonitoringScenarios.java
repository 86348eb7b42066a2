package org.il7cds.engine.scenarios;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.course.MonitoringAnswer;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.course.MonitoringRequest;
import org.il7cds.engine.rules.ProtocolFileParser;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;

/**
 * Reads the monitoring scenario files of a rules bundle ({@code protocols/<id>/scenarios/monitoring/*.yaml}) and runs
 * them. The file format:
 *
 * <pre>
 * name: "A blip then below 50"
 * asOf: 2027-01-25
 * doseDates: [2026-12-07, 2026-12-14, 2026-12-21]
 * hivRna:                                   # unit copies/mL unless given
 *   - { value: "&lt;20", sampleDate: 2026-11-30 }
 * expect:
 *   results: { 2026-12-28: BLIP }           # class of the result of each listed date
 *   rules: { 2026-12-28: "..." }            # rule that classified it
 *   actions: ["REPEAT_HIV_RNA by 2027-02-08"]  # exactly these, by due date ([] : none)
 *   visits: ["2027-01-11 REPEAT_HIV_RNA"]   # texts the visits must contain
 *   stopIl7: false
 *   refusedFields: [doseDates]              # instead: the input must be refused on these fields
 * </pre>
 */
public final class MonitoringScenarios {

    private static final Pattern SCENARIO = Pattern.compile(
            "protocols/([a-z0-9-]+)/scenarios/monitoring/([^/_][^/]*)\\.ya?ml");
    private static final Set<String> TOP_KEYS = Set.of("name", "source", "protocol", "asOf", "today", "pseudonymId",
            "doseDates", "hivRna", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("results", "rules", "actions", "visits", "stopIl7",
            "refusedFields");

    /** A run: the result, the rules that fired (coverage) and the protocol. */
    public record Run(ScenarioResult result, String protocolId, Set<String> firedRules, MonitoringAnswer answer) {
    }

    private MonitoringScenarios() {
    }

    public static List<MonitoringScenario> read(RuleBundle bundle, List<RuleProblem> problems) {
        List<MonitoringScenario> out = new ArrayList<>();
        for (String path : bundle.files().keySet()) {
            Matcher m = SCENARIO.matcher(path);
            if (!m.matches()) {
                continue;
            }
            try {
                MonitoringScenario s = parse(bundle, path, m.group(1), problems);
                if (s != null) {
                    out.add(s);
                }
            } catch (RuntimeException e) {
                problems.add(RuleProblem.error(path, 0, String.valueOf(e.getMessage())));
            }
        }
        return out;
    }

    public static Run run(RuleSet rules, MonitoringScenario s) {
        Clock clock = Clock.fixed(s.today().atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        MonitoringEngine engine = new MonitoringEngine(() -> rules, clock);
        Set<String> fired = new LinkedHashSet<>();
        List<String> diff = new ArrayList<>();
        MonitoringAnswer a;
        try {
            a = engine.assess(rules, s.request(), clock, fired::add);
        } catch (InvalidInputException e) {
            List<String> fields = e.problems().stream().map(FieldProblem::field).toList();
            if (s.expectedErrorFields().isEmpty()) {
                diff.add("expected an answer, but the input was refused: " + e.getMessage());
            } else if (!fields.containsAll(s.expectedErrorFields())) {
                diff.add("expected the input to be refused on " + s.expectedErrorFields() + ", but it was refused on "
                        + fields);
            }
            return new Run(new ScenarioResult(s.file(), s.name(), diff, null), s.protocolId(), fired, null);
        } catch (RulesExecutionException e) {
            diff.add("the rules failed: " + e.getMessage());
            return new Run(new ScenarioResult(s.file(), s.name(), diff, null), s.protocolId(), fired, null);
        }
        if (!s.expectedErrorFields().isEmpty()) {
            diff.add("expected the input to be refused on " + s.expectedErrorFields() + ", but got an answer");
        }
        Map<LocalDate, MonitoringAnswer.Result> byDate = new LinkedHashMap<>();
        a.results().forEach(r -> byDate.put(r.sampleDate(), r));
        s.expectedResults().forEach((date, cls) -> {
            MonitoringAnswer.Result r = byDate.get(date);
            if (r == null) {
                diff.add(date + ": no HIV-1 RNA result of that date");
            } else if (!r.classification().equals(cls)) {
                diff.add(date + ": expected " + cls + ", got " + r.classification() + " (rule '" + r.rule() + "')");
            }
        });
        s.expectedRules().forEach((date, rule) -> {
            MonitoringAnswer.Result r = byDate.get(date);
            if (r != null && !Objects.equals(rule, r.rule())) {
                diff.add(date + ": expected rule '" + rule + "', got '" + r.rule() + "'");
            }
        });
        if (s.expectedActions() != null) {
            List<String> got = a.actions().stream().map(x -> x.action() + " by " + x.dueBy()).toList();
            if (!got.equals(s.expectedActions())) {
                diff.add("actions: expected " + s.expectedActions() + ", got " + got);
            }
        }
        List<String> visits = a.visits().stream().flatMap(v -> {
            List<String> texts = new ArrayList<>();
            texts.add(v.date() + " " + v.kind() + " " + v.label());
            v.actions().forEach(x -> texts.add(v.date() + " " + x));
            return texts.stream();
        }).toList();
        for (String expected : s.expectedVisits()) {
            if (visits.stream().noneMatch(v -> v.contains(expected))) {
                diff.add("visits: expected one containing '" + expected + "', got " + visits);
            }
        }
        if (s.expectedStopIl7() != null && s.expectedStopIl7() != a.stopIl7()) {
            diff.add("stopIl7: expected " + s.expectedStopIl7() + ", got " + a.stopIl7());
        }
        return new Run(new ScenarioResult(s.file(), s.name(), diff, null), s.protocolId(), fired, a);
    }

    private static MonitoringScenario parse(RuleBundle bundle, String path, String protocol,
            List<RuleProblem> problems) {
        if (!(ProtocolFileParser.load(path, bundle.text(path), problems) instanceof Map<?, ?> root)) {
            problems.add(RuleProblem.error(path, 0, "a scenario file must be a YAML mapping"));
            return null;
        }
        int before = problems.size();
        unknown(path, "", root, TOP_KEYS, problems);
        Map<?, ?> expect = root.get("expect") instanceof Map<?, ?> e ? e : Map.of();
        unknown(path, "expect.", expect, EXPECT_KEYS, problems);
        if (expect.isEmpty()) {
            problems.add(RuleProblem.error(path, 0, "expect: give results, rules, actions, visits, stopIl7 or"
                    + " refusedFields"));
        }
        if (problems.size() > before) {
            return null;
        }
        LocalDate asOf = LocalDate.parse(String.valueOf(Objects.requireNonNull(root.get("asOf"), "'asOf' is required")));
        LocalDate today = root.get("today") == null ? asOf : LocalDate.parse(String.valueOf(root.get("today")));
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("pseudonymId", root.get("pseudonymId") == null ? "SCN-MON" : root.get("pseudonymId"));
        List<Object> labs = new ArrayList<>();
        if (root.get("hivRna") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> r)) {
                    throw new IllegalArgumentException("hivRna: each result must be a mapping");
                }
                Map<Object, Object> lab = new LinkedHashMap<>(r);
                lab.put("kind", "HIV_RNA");
                lab.putIfAbsent("unit", "copies/mL");
                labs.add(lab);
            }
        }
        candidate.put("labs", labs);
        List<LocalDate> doses = root.get("doseDates") instanceof List<?> d
                ? d.stream().map(x -> x == null ? null : LocalDate.parse(String.valueOf(x))).toList() : null;
        String protocolId = root.get("protocol") == null ? protocol : String.valueOf(root.get("protocol"));
        return new MonitoringScenario(path, Objects.toString(root.get("name"), path), protocolId, today,
                new MonitoringRequest(protocolId, CandidateYaml.read(candidate), doses, asOf),
                dated(expect.get("results")), dated(expect.get("rules")),
                expect.get("actions") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null,
                expect.get("visits") instanceof List<?> v ? v.stream().map(String::valueOf).toList() : List.of(),
                expect.get("stopIl7") == null ? null : Boolean.valueOf(String.valueOf(expect.get("stopIl7"))),
                expect.get("refusedFields") instanceof List<?> f ? f.stream().map(String::valueOf).toList() : List.of());
    }

    private static Map<LocalDate, String> dated(Object o) {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(LocalDate.parse(String.valueOf(k)), String.valueOf(v)));
        }
        return out;
    }

    private static void unknown(String path, String at, Map<?, ?> map, Set<String> allowed, List<RuleProblem> problems) {
        map.keySet().stream().map(String::valueOf).filter(k -> !allowed.contains(k)).sorted().forEach(k ->
                problems.add(RuleProblem.error(path, 0, "unknown key '" + at + k + "' (known: "
                        + new java.util.TreeSet<>(allowed) + ")")));
    }
}
