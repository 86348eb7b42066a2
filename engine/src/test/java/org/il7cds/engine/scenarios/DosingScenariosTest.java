package org.il7cds.engine.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.CalendarRequests;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.RuleBundle;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs every calendar scenario ({@code protocols/<id>/scenarios/dosing/*.yaml}) of the packaged rules. A scenario
 * is a request plus the expected calendar or error, written without Java; see the README.md in that folder.
 */
class DosingScenariosTest {

    private static final Pattern SCENARIO = Pattern.compile("protocols/([a-z0-9-]+)/scenarios/dosing/[^/]+\\.ya?ml");
    private static final Set<String> TOP_KEYS = Set.of("name", "source", "today", "request", "expect");
    private static final Set<String> REQUEST_KEYS = Set.of("protocolId", "doseLevelUgPerKg", "weightKg",
            "weightMeasuredOn", "firstInjectionDate", "clinicDays", "closures", "concentrationUgPerMl",
            "maxVolumePerSiteMl", "syringeGraduationMl", "candidate", "override");
    private static final Set<String> CANDIDATE_KEYS = Set.of("profile", "id", "labs", "withoutLabs");
    private static final Set<String> EXPECT_KEYS = Set.of("eligibility", "override", "doseUg", "dates", "courseDays",
            "volumeMl", "volumeRoundingErrorPercent", "sitesMl", "movedFrom", "notesContain", "error");
    private static final Set<String> ERROR_KEYS = Set.of("kind", "fields", "messageContains", "unplacedDoses");

    private static RuleBundle bundle() {
        return Engines.packagedRules().bundle();
    }

    private static List<String> scenarioFiles() {
        return bundle().files().keySet().stream().filter(p -> SCENARIO.matcher(p).matches()).toList();
    }

    @Test
    void levy2009HasAtLeastEightCalendarScenarios() {
        assertThat(scenarioFiles()).filteredOn(p -> p.startsWith("protocols/levy-2009/")).hasSizeGreaterThanOrEqualTo(8);
    }

    @TestFactory
    Stream<DynamicTest> everyCalendarScenario() {
        return scenarioFiles().stream().map(path -> DynamicTest.dynamicTest(path, () -> run(path)));
    }

    @SuppressWarnings("unchecked")
    private static void run(String path) {
        Map<String, Object> s = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(bundle().text(path));
        keys(path, "", s, TOP_KEYS);
        Map<String, Object> req = (Map<String, Object>) s.get("request");
        Map<String, Object> expect = (Map<String, Object>) s.get("expect");
        assertThat(req).as(path + ": request").isNotNull();
        assertThat(expect).as(path + ": expect").isNotNull();
        keys(path, "request.", req, REQUEST_KEYS);
        keys(path, "expect.", expect, EXPECT_KEYS);
        LocalDate today = s.containsKey("today") ? date(s.get("today")) : Engines.TODAY;
        Clock clock = Clock.fixed(today.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        CalendarRequest request = request(path, req, today);

        Object outcome = catchThrowable(() -> Engines.dosing(clock).plan(request));
        if (expect.get("error") instanceof Map<?, ?> error) {
            checkError(path, (Map<String, Object>) error, outcome);
            return;
        }
        if (outcome instanceof Throwable t) {
            throw new AssertionError(path + ": expected a calendar but got " + t, t);
        }
        checkCalendar(path, expect, Engines.dosing(clock).plan(request));
    }

    private static void keys(String path, String at, Map<String, Object> map, Set<String> allowed) {
        assertThat(map.keySet()).as(path + ": unknown keys under '" + at + "' (allowed: " + allowed + ")")
                .isSubsetOf(allowed);
    }

    @SuppressWarnings("unchecked")
    private static CalendarRequest request(String path, Map<String, Object> r, LocalDate today) {
        CalendarRequests b = CalendarRequests.acceptance()
                .protocolId((String) r.get("protocolId"))
                .doseLevel(text(r.get("doseLevelUgPerKg")))
                .weightKg(text(r.get("weightKg")))
                .weighedOn(r.get("weightMeasuredOn") == null ? null : date(r.get("weightMeasuredOn")))
                .first(r.get("firstInjectionDate") == null ? null : date(r.get("firstInjectionDate")))
                .concentration(text(r.get("concentrationUgPerMl")))
                .maxPerSite(text(r.get("maxVolumePerSiteMl")))
                .graduation(text(r.get("syringeGraduationMl")));
        if (r.get("clinicDays") instanceof List<?> days) {
            Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
            days.forEach(d -> set.add(DayOfWeek.valueOf(String.valueOf(d).toUpperCase(Locale.ROOT))));
            b.clinicDays(set);
        }
        if (r.get("closures") instanceof List<?> closures) {
            b.closures(closures.stream().map(DosingScenariosTest::date).toList());
        }
        b.candidate(r.get("candidate") instanceof Map<?, ?> c ? candidate(path, (Map<String, Object>) c, today) : null);
        if (r.get("override") instanceof Map<?, ?> o) {
            b.override(new EligibilityOverride(o.get("reasonCode") == null ? null
                    : OverrideReason.valueOf(String.valueOf(o.get("reasonCode"))), (String) o.get("authorisedBy"),
                    (String) o.get("note")));
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static Candidate candidate(String path, Map<String, Object> c, LocalDate today) {
        keys(path, "request.candidate.", c, CANDIDATE_KEYS);
        assertThat(c.get("profile")).as(path + ": candidate.profile (only 'eligible' exists)").isEqualTo("eligible");
        Candidates b = Candidates.eligible(today);
        if (c.get("id") != null) {
            b.id(String.valueOf(c.get("id")));
        }
        if (c.get("withoutLabs") instanceof List<?> without) {
            without.forEach(k -> b.without(LabKind.valueOf(String.valueOf(k))));
        }
        if (c.get("labs") instanceof List<?> labs) {
            for (Object o : labs) {
                Map<String, Object> lab = (Map<String, Object>) o;
                b.lab(LabKind.valueOf(String.valueOf(lab.get("kind"))), String.valueOf(lab.get("result")),
                        String.valueOf(lab.get("unit")));
            }
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static void checkError(String path, Map<String, Object> error, Object outcome) {
        keys(path, "expect.error.", error, ERROR_KEYS);
        String kind = String.valueOf(error.get("kind"));
        assertThat(outcome).as(path + ": expected error " + kind).isInstanceOf(Throwable.class);
        Throwable t = (Throwable) outcome;
        switch (kind) {
            case "invalid-input" -> {
                assertThat(t).as(path).isInstanceOf(InvalidInputException.class);
                if (error.get("fields") instanceof List<?> fields) {
                    assertThat(((InvalidInputException) t).problems()).as(path).extracting(FieldProblem::field)
                            .containsExactlyInAnyOrderElementsOf((List<String>) fields);
                }
            }
            case "refused" -> assertThat(t).as(path).isInstanceOf(CalendarRefusedException.class);
            case "infeasible" -> {
                assertThat(t).as(path).isInstanceOf(ScheduleInfeasibleException.class);
                if (error.get("unplacedDoses") instanceof List<?> numbers) {
                    assertThat(((ScheduleInfeasibleException) t).unplaced()).as(path).extracting(UnplacedDose::number)
                            .containsExactlyElementsOf(numbers.stream().map(n -> ((Number) n).intValue()).toList());
                }
            }
            default -> throw new AssertionError(path + ": expect.error.kind must be invalid-input, refused or"
                    + " infeasible, not " + kind);
        }
        if (error.get("messageContains") != null) {
            assertThat(t.getMessage()).as(path).contains(String.valueOf(error.get("messageContains")));
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkCalendar(String path, Map<String, Object> e, DosingCalendar c) {
        if (e.get("eligibility") != null) {
            assertThat(c.eligibility()).as(path + ": eligibility").isEqualTo(Verdict.valueOf(String.valueOf(e.get("eligibility"))));
        }
        if (e.get("override") != null) {
            assertThat(c.override()).as(path + ": override").isNotNull();
            assertThat(c.override().reasonCode().name()).as(path).isEqualTo(String.valueOf(e.get("override")));
        }
        if (e.get("doseUg") != null) {
            assertThat(c.doses()).as(path + ": doseUg").allSatisfy(d -> assertThat(d.doseUg())
                    .isEqualByComparingTo(text(e.get("doseUg"))));
        }
        if (e.get("dates") instanceof List<?> dates) {
            assertThat(c.doses()).as(path + ": dates").extracting(ScheduledDose::date)
                    .containsExactlyElementsOf(dates.stream().map(DosingScenariosTest::date).toList());
        }
        if (e.get("courseDays") instanceof List<?> days) {
            assertThat(c.doses()).as(path + ": courseDays").extracting(ScheduledDose::courseDay)
                    .containsExactlyElementsOf(days.stream().map(n -> ((Number) n).intValue()).toList());
        }
        if (e.get("volumeMl") != null) {
            assertThat(c.doses()).as(path + ": volumeMl").allSatisfy(d -> assertThat(d.volumeMl())
                    .isEqualByComparingTo(text(e.get("volumeMl"))));
        }
        if (e.get("volumeRoundingErrorPercent") != null) {
            assertThat(c.doses()).as(path + ": volumeRoundingErrorPercent").allSatisfy(d -> assertThat(
                    d.volumeRoundingErrorPercent()).isEqualByComparingTo(text(e.get("volumeRoundingErrorPercent"))));
        }
        if (e.get("sitesMl") instanceof List<?> sites) {
            List<BigDecimal> expected = sites.stream().map(x -> new BigDecimal(text(x))).toList();
            assertThat(c.doses()).as(path + ": sitesMl").allSatisfy(d -> assertThat(d.sites())
                    .extracting(InjectionSite::volumeMl).usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(expected));
        }
        if (e.get("movedFrom") instanceof Map<?, ?> moved) {
            List<String> actual = new ArrayList<>();
            c.doses().stream().filter(d -> d.movedFrom() != null).forEach(d -> actual.add(d.number() + "=" + d.movedFrom()));
            assertThat(actual).as(path + ": movedFrom (dose number: date)").containsExactlyInAnyOrderElementsOf(
                    moved.entrySet().stream().map(en -> en.getKey() + "=" + date(en.getValue())).toList());
        }
        if (e.get("notesContain") instanceof List<?> notes) {
            for (Object n : notes) {
                assertThat(c.notes()).as(path + ": a note containing '" + n + "'")
                        .anyMatch(note -> note.contains(String.valueOf(n)));
            }
        }
    }

    /** YAML reads 2026-12-07 as a timestamp (java.util.Date, UTC) unless quoted; both are accepted. */
    private static LocalDate date(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        return LocalDate.parse(String.valueOf(value));
    }

    private static String text(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value)).toPlainString();
    }
}
