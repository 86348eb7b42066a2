package org.il7cds.engine.scenarios;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.il7cds.engine.dosing.CalendarRequest;
import org.il7cds.engine.dosing.EligibilityOverride;
import org.il7cds.engine.dosing.OverrideReason;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.schema.RulesSchemas;
import org.il7cds.engine.scenarios.DosingScenario.Expected;

/**
 * Reads one dosing calendar scenario file (schema rules/schema/dosing-scenario.schema.json): {@code request} is a
 * CalendarRequest exactly as the API takes it, its candidate optionally changing a {@code base} file's.
 */
final class DosingScenarioReader {

    /** The day a scenario is planned on when it gives no {@code today} (the day {@code _eligible.yaml} is written for). */
    static final LocalDate DEFAULT_TODAY = LocalDate.of(2026, 11, 26);

    private DosingScenarioReader() {
    }

    /** The scenario, or null (and its problems) when the file cannot be read. */
    static DosingScenario read(RuleBundle bundle, String path, String protocol, List<RuleProblem> problems) {
        int before = problems.size();
        Map<?, ?> root = ScenarioFiles.load(bundle, path, RulesSchemas.DOSING_SCENARIO, problems);
        if (root == null) {
            return null;
        }
        ScenarioValues v = new ScenarioValues(path, problems);
        LocalDate today = root.get("today") == null ? DEFAULT_TODAY : v.date(root.get("today"), "today");
        Map<?, ?> req = (Map<?, ?>) root.get("request");
        Map<String, Object> candidate = ScenarioFiles.candidate(bundle, path, root.get("base"), req.get("candidate"),
                problems);
        CandidateReader.Read c = candidate == null ? null
                : CandidateReader.read(candidate, v, "request.candidate.", RequestFields.CALENDAR);
        CalendarRequest request = request(v, req, protocol, c);
        Expected expected = expected(v, (Map<?, ?>) root.get("expect"));
        if (problems.size() != before) {
            return null;
        }
        return new DosingScenario(path, Objects.toString(root.get("name"), path), protocol, v.text(root.get("source")),
                today, request, expected, c.fields());
    }

    private static CalendarRequest request(ScenarioValues v, Map<?, ?> req, String protocol, CandidateReader.Read c) {
        EnumSet<DayOfWeek> clinicDays = null;
        List<DayOfWeek> days = v.each(req.get("clinicDays"), "request.clinicDays",
                (x, at) -> v.constant(DayOfWeek.class, x, at));
        if (days != null) {
            clinicDays = EnumSet.noneOf(DayOfWeek.class);
            days.stream().filter(Objects::nonNull).forEach(clinicDays::add);
        }
        List<LocalDate> closures = v.each(req.get("closures"), "request.closures", v::date);
        EligibilityOverride override = null;
        Map<?, ?> o = v.map(req.get("override"), "request.override");
        if (o != null) {
            override = new EligibilityOverride(v.constant(OverrideReason.class, o.get("reasonCode"),
                    "request.override.reasonCode"), v.text(o.get("authorisedBy")), v.text(o.get("note")));
        }
        return new CalendarRequest(req.get("protocolId") == null ? protocol : v.text(req.get("protocolId")),
                v.decimal(req.get("doseLevelUgPerKg"), "request.doseLevelUgPerKg"),
                v.decimal(req.get("weightKg"), "request.weightKg"),
                v.date(req.get("weightMeasuredOn"), "request.weightMeasuredOn"),
                v.date(req.get("firstInjectionDate"), "request.firstInjectionDate"), clinicDays,
                closures == null ? null : closures.stream().filter(Objects::nonNull).toList(),
                v.decimal(req.get("concentrationUgPerMl"), "request.concentrationUgPerMl"),
                v.decimal(req.get("maxVolumePerSiteMl"), "request.maxVolumePerSiteMl"),
                v.decimal(req.get("syringeGraduationMl"), "request.syringeGraduationMl"),
                c == null ? null : c.candidate(), override, v.date(req.get("asOf"), "request.asOf"),
                v.decimal(req.get("vialSizeUg"), "request.vialSizeUg"));
    }

    private static Expected expected(ScenarioValues v, Map<?, ?> e) {
        ExpectedError error = ScenarioFiles.error(v, e.get("error"), "expect.error");
        Object override = e.get("override");
        boolean none = "none".equals(override);
        Map<Integer, LocalDate> moved = null;
        Map<?, ?> m = v.map(e.get("movedFrom"), "expect.movedFrom");
        if (m != null) {
            moved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> en : m.entrySet()) {
                moved.put(v.whole(en.getKey(), "expect.movedFrom (a dose number)"),
                        v.date(en.getValue(), "expect.movedFrom." + en.getKey()));
            }
        }
        return new Expected(v.constant(Verdict.class, e.get("eligibility"), "expect.eligibility"),
                none ? null : v.constant(OverrideReason.class, override, "expect.override"), none,
                v.decimal(e.get("doseUg"), "expect.doseUg"),
                v.each(e.get("dates"), "expect.dates", v::date),
                v.each(e.get("courseDays"), "expect.courseDays", v::whole),
                v.decimal(e.get("volumeMl"), "expect.volumeMl"),
                v.decimal(e.get("volumeRoundingErrorPercent"), "expect.volumeRoundingErrorPercent"),
                v.each(e.get("sitesMl"), "expect.sitesMl", v::decimal), moved,
                v.each(e.get("notesContain"), "expect.notesContain", (x, at) -> v.text(x)), error);
    }
}
