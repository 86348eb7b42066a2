package org.il7cds.engine.scenarios;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.InjectionSite;
import org.il7cds.engine.dosing.ScheduledDose;
import org.il7cds.engine.scenarios.DosingScenario.Expected;

/** Compares a calendar with what a dosing scenario expects (only the keys the file gives). */
final class DosingComparison {

    private DosingComparison() {
    }

    static void compare(Expected e, DosingCalendar c, List<String> diff) {
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
}
