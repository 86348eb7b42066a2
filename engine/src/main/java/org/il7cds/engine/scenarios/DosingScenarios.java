package org.il7cds.engine.scenarios;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.CalendarRequest;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.dosing.EligibilityOverride;
import org.il7cds.engine.dosing.InjectionSite;
import org.il7cds.engine.dosing.OverrideReason;
import org.il7cds.engine.dosing.ScheduleInfeasibleException;
import org.il7cds.engine.dosing.ScheduledDose;
import org.il7cds.engine.dosing.UnplacedDose;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.ProtocolFileParser;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.scenarios.DosingScenario.ErrorKind;
import org.il7cds.engine.scenarios.DosingScenario.Expected;
import org.il7cds.engine.scenarios.DosingScenario.ExpectedError;

/**
 * Reads the dosing calendar scenario files of a rules bundle ({@code protocols/<id>/scenarios/dosing/*.yaml};
 * files starting with '_' are shared bases, not scenarios) and runs them against a rule set. The format is in
 * {@code rules/protocols/levy-2009/scenarios/dosing/README.md}. Reading is strict: an unknown key, a value of the
 * wrong type or a missing base file is a problem of that file (so a typo never silently tests nothing), and a
 * file with problems is not run.
 *
 * <p>The candidate is written like an eligibility scenario's: usually {@code base: ../eligibility/_eligible.yaml}
 * (the protocol's shared eligible candidate) plus the changes the scenario is about.
 */
public final class DosingScenarios {

    /** The day a scenario is planned on when it gives no {@code today} (the day {@code _eligible.yaml} is written for). */
    public static final LocalDate DEFAULT_TODAY = LocalDate.of(2026, 11, 26);

    private static final Pattern SCENARIO = Pattern.compile(
            "protocols/([a-z0-9-]+)/scenarios/dosing/([^/_][^/]*)\\.ya?ml");

    private static final Set<String> TOP_KEYS = Set.of("name", "source", "today", "request", "expect");
    private static final Set<String> REQUEST_KEYS = Set.of("protocolId", "doseLevelUgPerKg", "weightKg",
            "weightMeasuredOn", "firstInjectionDate", "clinicDays", "closures", "concentrationUgPerMl",
            "maxVolumePerSiteMl", "syringeGraduationMl", "candidate", "override");
    private static final Set<String> CANDIDATE_KEYS = Set.of("base", "removeLabs", "pseudonymId", "birthDate",
            "ageYears", "sex", "pregnant", "breastfeeding", "labs", "art", "priorInterleukinTherapy",
            "malignancyHistory", "activeOpportunisticInfection");
    private static final Map<String, String> CANDIDATE_HINTS = Map.of(
            "profile", "'profile' is replaced by 'base: ../eligibility/_eligible.yaml' (see scenarios/dosing/README.md)",
            "withoutLabs", "use 'removeLabs'",
            "id", "use 'pseudonymId'");
    private static final Set<String> LAB_KEYS = Set.of("kind", "value", "unit", "sampleDate", "upperLimitOfNormal");
    private static final Map<String, String> LAB_HINTS = Map.of("result", "use 'value' (and give 'sampleDate')");
    private static final Set<String> ART_KEYS = Set.of("startDate", "lastRegimenChange", "currentDrugs");
    private static final Set<String> OVERRIDE_KEYS = Set.of("reasonCode", "authorisedBy", "note");
    private static final Set<String> EXPECT_KEYS = Set.of("eligibility", "override", "doseUg", "dates", "courseDays",
            "volumeMl", "volumeRoundingErrorPercent", "sitesMl", "movedFrom", "notesContain", "error");
    private static final Set<String> ERROR_KEYS = Set.of("kind", "fields", "messageContains", "unplacedDoses");

    private DosingScenarios() {
    }

    /** The dosing scenario files of {@code bundle}, in path order. */
    public static List<String> files(RuleBundle bundle) {
        return bundle.files().keySet().stream().filter(p -> SCENARIO.matcher(p).matches()).toList();
    }

    /** Parses every dosing scenario file; problems (bad YAML, unknown keys, bad values) are collected, not thrown. */
    public static List<DosingScenario> read(RuleBundle bundle, List<RuleProblem> problems) {
        List<DosingScenario> scenarios = new ArrayList<>();
        for (String path : files(bundle)) {
            Matcher m = SCENARIO.matcher(path);
            if (!m.matches()) {
                continue;
            }
            int before = problems.size();
            try {
                DosingScenario s = parse(bundle, path, m.group(1), problems);
                if (s != null && problems.size() == before) {
                    scenarios.add(s);
                }
            } catch (RuntimeException e) {
                problems.add(RuleProblem.error(path, 0, String.valueOf(e.getMessage())));
            }
        }
        return scenarios;
    }

    /**
     * Plans the scenario's request with {@code rules}, on a clock fixed at the scenario's "today", and compares
     * the calendar or the error with what the file expects.
     */
    public static DosingScenarioResult run(RuleSet rules, DosingScenario s) {
        Clock clock = Clock.fixed(s.today().atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        DosingEngine engine = new DosingEngine(() -> rules, new EligibilityEngine(() -> rules, clock), clock);
        List<String> fired = new ArrayList<>();
        List<String> diff = new ArrayList<>();
        DosingCalendar calendar = null;
        RuntimeException error = null;
        try {
            calendar = engine.plan(s.request(), fired::add);
        } catch (RuntimeException e) {
            error = e;
        }
        Expected expected = s.expected();
        if (expected.error() != null) {
            checkError(expected.error(), error, diff);
        } else if (error != null) {
            diff.add("expected a calendar, but " + describe(error));
        } else {
            checkCalendar(expected, calendar, diff);
        }
        return new DosingScenarioResult(s.protocolId(), new ScenarioResult(s.file(), s.name(), diff, null), calendar,
                fired);
    }

    // ------------------------------------------------------------------------------------------ checks

    private static ErrorKind kindOf(RuntimeException e) {
        if (e instanceof InvalidInputException) {
            return ErrorKind.INVALID_INPUT;
        }
        if (e instanceof CalendarRefusedException) {
            return ErrorKind.REFUSED;
        }
        if (e instanceof ScheduleInfeasibleException) {
            return ErrorKind.INFEASIBLE;
        }
        return null;
    }

    private static String describe(RuntimeException e) {
        ErrorKind kind = kindOf(e);
        if (kind != null) {
            return "got error " + kind.label() + ": " + e.getMessage();
        }
        if (e instanceof RulesExecutionException) {
            return "the rules failed: " + e.getMessage();
        }
        if (e instanceof UnknownProtocolException) {
            return "the protocol is unknown: " + e.getMessage();
        }
        return "the engine failed unexpectedly: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void checkError(ExpectedError expected, RuntimeException error, List<String> diff) {
        if (error == null) {
            diff.add("expected error " + expected.kind().label() + ", but a calendar was produced");
            return;
        }
        if (kindOf(error) != expected.kind()) {
            diff.add("expected error " + expected.kind().label() + ", but " + describe(error));
            return;
        }
        if (expected.fields() != null && error instanceof InvalidInputException e) {
            Set<String> actual = new TreeSet<>(e.problems().stream().map(FieldProblem::field).toList());
            if (!actual.equals(new TreeSet<>(expected.fields()))) {
                diff.add("error.fields: expected exactly " + new TreeSet<>(expected.fields()) + ", got " + actual
                        + " (" + e.getMessage() + ")");
            }
        }
        if (expected.unplacedDoses() != null && error instanceof ScheduleInfeasibleException e) {
            List<Integer> actual = e.unplaced().stream().map(UnplacedDose::number).toList();
            if (!actual.equals(expected.unplacedDoses())) {
                diff.add("error.unplacedDoses: expected " + expected.unplacedDoses() + ", got " + actual);
            }
        }
        if (expected.messageContains() != null
                && (error.getMessage() == null || !error.getMessage().contains(expected.messageContains()))) {
            diff.add("error.messageContains: expected the message to contain '" + expected.messageContains()
                    + "', got '" + error.getMessage() + "'");
        }
    }

    private static void checkCalendar(Expected e, DosingCalendar c, List<String> diff) {
        if (e.eligibility() != null && e.eligibility() != c.eligibility()) {
            diff.add("eligibility: expected " + e.eligibility() + ", got " + c.eligibility());
        }
        if (e.noOverride() && c.override() != null) {
            diff.add("override: expected none, got " + c.override().reasonCode());
        }
        if (e.override() != null && (c.override() == null || c.override().reasonCode() != e.override())) {
            diff.add("override: expected " + e.override() + ", got "
                    + (c.override() == null ? "none" : c.override().reasonCode()));
        }
        everyDose("doseUg", e.doseUg(), c, ScheduledDose::doseUg, diff);
        if (e.dates() != null) {
            compare("dates", e.dates(), c.doses().stream().map(ScheduledDose::date).toList(), diff);
        }
        if (e.courseDays() != null) {
            compare("courseDays", e.courseDays(), c.doses().stream().map(ScheduledDose::courseDay).toList(), diff);
        }
        everyDose("volumeMl", e.volumeMl(), c, ScheduledDose::volumeMl, diff);
        everyDose("volumeRoundingErrorPercent", e.volumeRoundingErrorPercent(), c,
                ScheduledDose::volumeRoundingErrorPercent, diff);
        if (e.sitesMl() != null) {
            Set<String> actual = new LinkedHashSet<>();
            c.doses().forEach(d -> actual.add(plain(d.sites().stream().map(InjectionSite::volumeMl).toList())));
            String expected = plain(e.sitesMl());
            if (actual.size() != 1 || !actual.contains(expected)) {
                diff.add("sitesMl: expected " + expected + " for every dose, got " + actual);
            }
        }
        if (e.movedFrom() != null) {
            Map<Integer, LocalDate> actual = new LinkedHashMap<>();
            c.doses().stream().filter(d -> d.movedFrom() != null).forEach(d -> actual.put(d.number(), d.movedFrom()));
            if (!actual.equals(e.movedFrom())) {
                diff.add("movedFrom: expected " + e.movedFrom() + ", got " + actual);
            }
        }
        if (e.notesContain() != null) {
            for (String text : e.notesContain()) {
                if (c.notes().stream().noneMatch(n -> n.contains(text))) {
                    diff.add("notesContain: no note contains '" + text + "'");
                }
            }
        }
    }

    /** Every dose must have {@code expected} (compared as numbers); null means not checked. */
    private static void everyDose(String key, BigDecimal expected, DosingCalendar c,
            Function<ScheduledDose, BigDecimal> value, List<String> diff) {
        if (expected == null) {
            return;
        }
        List<BigDecimal> actual = c.doses().stream().map(value).toList();
        boolean ok = !actual.isEmpty() && actual.stream().allMatch(v -> v != null && v.compareTo(expected) == 0);
        if (!ok) {
            Set<String> distinct = new LinkedHashSet<>();
            actual.forEach(v -> distinct.add(v == null ? "none" : v.toPlainString()));
            diff.add(key + ": expected " + expected.toPlainString() + ", got "
                    + (distinct.size() == 1 ? distinct.iterator().next() : distinct.toString()));
        }
    }

    private static <T> void compare(String key, List<T> expected, List<T> actual, List<String> diff) {
        if (!expected.equals(actual)) {
            diff.add(key + ": expected " + expected + ", got " + actual);
        }
    }

    private static String plain(List<BigDecimal> values) {
        return values.stream().map(v -> v.stripTrailingZeros().toPlainString()).toList().toString();
    }

    // ----------------------------------------------------------------------------------------- parsing

    /** Reads values of one file, adding a problem (with the key's path) for each one it cannot read. */
    private record Reader(String file, List<RuleProblem> problems) {

        void error(String message) {
            problems.add(RuleProblem.error(file, 0, message));
        }

        void keys(Map<?, ?> map, String at, Set<String> allowed, Map<String, String> hints) {
            for (Object k : map.keySet()) {
                String key = String.valueOf(k);
                if (!allowed.contains(key)) {
                    error("unknown key '" + at + key + "': " + (hints.containsKey(key) ? hints.get(key)
                            : "allowed are " + new TreeSet<>(allowed)));
                }
            }
        }

        Map<?, ?> map(Object value, String at) {
            if (value == null) {
                return null;
            }
            if (value instanceof Map<?, ?> m) {
                return m;
            }
            error("'" + at + "' must be a mapping");
            return null;
        }

        List<?> list(Object value, String at) {
            if (value == null) {
                return null;
            }
            if (value instanceof List<?> l) {
                return l;
            }
            error("'" + at + "' must be a list [..]");
            return null;
        }

        BigDecimal decimal(Object value, String at) {
            if (value == null) {
                return null;
            }
            try {
                return new BigDecimal(CandidateYaml.plainNumber(value));
            } catch (NumberFormatException e) {
                error("'" + at + "' is not a number: " + value);
                return null;
            } catch (IllegalArgumentException e) {
                error("'" + at + "': " + e.getMessage());
                return null;
            }
        }

        Integer whole(Object value, String at) {
            if (value == null) {
                return null;
            }
            try {
                return Integer.valueOf(String.valueOf(value));
            } catch (NumberFormatException e) {
                error("'" + at + "' is not a whole number: " + value);
                return null;
            }
        }

        LocalDate date(Object value, String at) {
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(String.valueOf(value));
            } catch (DateTimeParseException e) {
                error("'" + at + "' is not a date (YYYY-MM-DD): " + value);
                return null;
            }
        }

        <E extends Enum<E>> E constant(Class<E> type, Object value, String at) {
            if (value == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error("'" + at + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ", not "
                        + value);
                return null;
            }
        }

        <T> List<T> each(Object value, String at, BiFunction<Object, String, T> read) {
            List<?> list = list(value, at);
            if (list == null) {
                return null;
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                T t = read.apply(list.get(i), at + "[" + i + "]");
                if (t == null && list.get(i) == null) {
                    error("'" + at + "[" + i + "]' is empty");
                }
                out.add(t);
            }
            return out;
        }

        String text(Object value) {
            return value == null ? null : String.valueOf(value);
        }
    }

    private static DosingScenario parse(RuleBundle bundle, String path, String protocol, List<RuleProblem> problems) {
        int before = problems.size();
        Object loaded = ProtocolFileParser.load(path, bundle.text(path), problems);
        if (!(loaded instanceof Map<?, ?> root)) {
            if (problems.size() == before) {
                problems.add(RuleProblem.error(path, 0, "a scenario file must be a YAML mapping"));
            }
            return null;
        }
        Reader r = new Reader(path, problems);
        r.keys(root, "", TOP_KEYS, Map.of());
        LocalDate today = root.get("today") == null ? DEFAULT_TODAY : r.date(root.get("today"), "today");
        Map<?, ?> req = r.map(root.get("request"), "request");
        Map<?, ?> expect = r.map(root.get("expect"), "expect");
        if (req == null || expect == null) {
            r.error("a scenario needs 'request' and 'expect'");
            return null;
        }
        CalendarRequest request = request(bundle, r, req, protocol);
        Expected expected = expected(r, expect);
        if (problems.size() != before) {
            return null;
        }
        return new DosingScenario(path, Objects.toString(root.get("name"), path), protocol, r.text(root.get("source")),
                today, request, expected);
    }

    private static CalendarRequest request(RuleBundle bundle, Reader r, Map<?, ?> req, String protocol) {
        r.keys(req, "request.", REQUEST_KEYS, Map.of());
        EnumSet<DayOfWeek> clinicDays = null;
        List<DayOfWeek> days = r.each(req.get("clinicDays"), "request.clinicDays",
                (v, at) -> r.constant(DayOfWeek.class, v, at));
        if (days != null) {
            clinicDays = EnumSet.noneOf(DayOfWeek.class);
            days.stream().filter(Objects::nonNull).forEach(clinicDays::add);
        }
        List<LocalDate> closures = r.each(req.get("closures"), "request.closures", r::date);
        EligibilityOverride override = null;
        Map<?, ?> o = r.map(req.get("override"), "request.override");
        if (o != null) {
            r.keys(o, "request.override.", OVERRIDE_KEYS, Map.of());
            override = new EligibilityOverride(r.constant(OverrideReason.class, o.get("reasonCode"),
                    "request.override.reasonCode"), r.text(o.get("authorisedBy")), r.text(o.get("note")));
        }
        return new CalendarRequest(req.get("protocolId") == null ? protocol : r.text(req.get("protocolId")),
                r.decimal(req.get("doseLevelUgPerKg"), "request.doseLevelUgPerKg"),
                r.decimal(req.get("weightKg"), "request.weightKg"),
                r.date(req.get("weightMeasuredOn"), "request.weightMeasuredOn"),
                r.date(req.get("firstInjectionDate"), "request.firstInjectionDate"), clinicDays,
                closures == null ? null : closures.stream().filter(Objects::nonNull).toList(),
                r.decimal(req.get("concentrationUgPerMl"), "request.concentrationUgPerMl"),
                r.decimal(req.get("maxVolumePerSiteMl"), "request.maxVolumePerSiteMl"),
                r.decimal(req.get("syringeGraduationMl"), "request.syringeGraduationMl"),
                candidate(bundle, r, req.get("candidate")), override);
    }

    /** The candidate: an optional base file's candidate, with the scenario's changes merged as eligibility scenarios do. */
    private static Candidate candidate(RuleBundle bundle, Reader r, Object value) {
        Map<?, ?> c = r.map(value, "request.candidate");
        if (c == null) {
            return null;
        }
        r.keys(c, "request.candidate.", CANDIDATE_KEYS, CANDIDATE_HINTS);
        List<?> labs = r.list(c.get("labs"), "request.candidate.labs");
        if (labs != null) {
            for (int i = 0; i < labs.size(); i++) {
                Map<?, ?> lab = r.map(labs.get(i), "request.candidate.labs[" + i + "]");
                if (lab != null) {
                    r.keys(lab, "request.candidate.labs[" + i + "].", LAB_KEYS, LAB_HINTS);
                }
            }
        }
        Map<?, ?> art = r.map(c.get("art"), "request.candidate.art");
        if (art != null) {
            r.keys(art, "request.candidate.art.", ART_KEYS, Map.of());
        }
        r.list(c.get("removeLabs"), "request.candidate.removeLabs");
        Map<String, Object> candidate = new LinkedHashMap<>();
        if (c.get("base") != null) {
            Map<String, Object> base = ScenarioCandidates.base(bundle, r.file(), c.get("base"), r.problems());
            if (base == null) {
                return null;
            }
            candidate.putAll(base);
        }
        Map<Object, Object> changes = new LinkedHashMap<>(c);
        changes.remove("base");
        ScenarioCandidates.merge(candidate, changes);
        candidate.remove("removeLabs");
        try {
            return CandidateYaml.read(candidate);
        } catch (RuntimeException e) { // InvalidInputException lists every field problem
            r.error("request.candidate: " + e.getMessage());
        }
        return null;
    }

    private static Expected expected(Reader r, Map<?, ?> e) {
        r.keys(e, "expect.", EXPECT_KEYS, Map.of());
        ExpectedError error = null;
        Map<?, ?> err = r.map(e.get("error"), "expect.error");
        if (err != null) {
            r.keys(err, "expect.error.", ERROR_KEYS, Map.of());
            ErrorKind kind = ErrorKind.of(r.text(err.get("kind")));
            if (kind == null) {
                r.error("'expect.error.kind' must be invalid-input, refused or infeasible, not " + err.get("kind"));
            }
            List<String> fields = r.each(err.get("fields"), "expect.error.fields", (v, at) -> r.text(v));
            List<Integer> unplaced = r.each(err.get("unplacedDoses"), "expect.error.unplacedDoses", r::whole);
            if (fields != null && kind != ErrorKind.INVALID_INPUT) {
                r.error("'expect.error.fields' is only checked for kind invalid-input");
            }
            if (unplaced != null && kind != ErrorKind.INFEASIBLE) {
                r.error("'expect.error.unplacedDoses' is only checked for kind infeasible");
            }
            error = new ExpectedError(kind, fields, unplaced, r.text(err.get("messageContains")));
            if (e.size() > 1) {
                r.error("expect: give either an error or what the calendar must show, not both");
            }
        } else if (e.isEmpty()) {
            r.error("expect: give what the calendar must show or an error");
        }
        Object override = e.get("override");
        boolean none = override != null && String.valueOf(override).equalsIgnoreCase("none");
        Map<Integer, LocalDate> moved = null;
        Map<?, ?> m = r.map(e.get("movedFrom"), "expect.movedFrom");
        if (m != null) {
            moved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> en : m.entrySet()) {
                moved.put(r.whole(en.getKey(), "expect.movedFrom (a dose number)"),
                        r.date(en.getValue(), "expect.movedFrom." + en.getKey()));
            }
        }
        return new Expected(r.constant(Verdict.class, e.get("eligibility"), "expect.eligibility"),
                none ? null : r.constant(OverrideReason.class, override, "expect.override"), none,
                r.decimal(e.get("doseUg"), "expect.doseUg"),
                r.each(e.get("dates"), "expect.dates", r::date),
                r.each(e.get("courseDays"), "expect.courseDays", r::whole),
                r.decimal(e.get("volumeMl"), "expect.volumeMl"),
                r.decimal(e.get("volumeRoundingErrorPercent"), "expect.volumeRoundingErrorPercent"),
                r.each(e.get("sitesMl"), "expect.sitesMl", r::decimal), moved,
                r.each(e.get("notesContain"), "expect.notesContain", (v, at) -> r.text(v)), error);
    }
}
