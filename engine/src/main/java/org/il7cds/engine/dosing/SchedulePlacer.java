package org.il7cds.engine.dosing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Places the doses of a course on clinic days: dose 1 on the first injection date, each next dose on the
 * earliest open clinic day at least {@code minDaysBetweenDoses} after the previous one, at most
 * {@code maxDosesPerIsoWeek} per ISO week, on course days 0..{@code lastCourseDay}. Earliest placement is
 * optimal for these constraints (a later choice never frees a day for a later dose), so when it fails no
 * schedule exists: the doses it cannot place are reported, never dropped or put outside the window.
 */
final class SchedulePlacer {

    /** How far past the window the search for "the next possible day" goes, for the explanation only. */
    private static final int SEARCH_DAYS_PAST_WINDOW = 366;

    /** The protocol's schedule constraints and the clinic's calendar. */
    record Rules(int doses, int lastCourseDay, int minDaysBetweenDoses, int maxDosesPerIsoWeek,
            Set<DayOfWeek> clinicDays, Set<LocalDate> closures) {
    }

    /** A placed dose; {@code nominal} is where it would be without any closure. */
    record Slot(int number, LocalDate date, int courseDay, LocalDate nominal) {
        boolean moved() {
            return !date.equals(nominal);
        }
    }

    record Placement(List<Slot> placed, List<UnplacedDose> unplaced) {
    }

    private SchedulePlacer() {
    }

    /** The next clinic day on or after {@code from} that is not a closure (for messages); null if none in a year. */
    static LocalDate nextOpenClinicDay(LocalDate from, Set<DayOfWeek> clinicDays, Set<LocalDate> closures) {
        for (LocalDate d = from; d.isBefore(from.plusDays(SEARCH_DAYS_PAST_WINDOW)); d = d.plusDays(1)) {
            if (clinicDays.contains(d.getDayOfWeek()) && !closures.contains(d)) {
                return d;
            }
        }
        return null;
    }

    static Placement place(LocalDate first, Rules rules) {
        List<LocalDate> nominal = greedy(first, rules, Set.of(), rules.doses());
        List<LocalDate> actual = greedy(first, rules, rules.closures(), rules.doses());
        List<Slot> placed = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            LocalDate date = actual.get(i);
            LocalDate wouldBe = i < nominal.size() ? nominal.get(i) : null;
            placed.add(new Slot(i + 1, date, courseDay(first, date), wouldBe == null ? date : wouldBe));
        }
        List<UnplacedDose> unplaced = new ArrayList<>();
        if (actual.size() < rules.doses()) {
            int firstUnplaced = actual.size() + 1;
            unplaced.add(new UnplacedDose(firstUnplaced, whyNot(first, rules, actual)));
            for (int n = firstUnplaced + 1; n <= rules.doses(); n++) {
                unplaced.add(new UnplacedDose(n, "not placed: dose " + firstUnplaced + " already has no day within the day-"
                        + rules.lastCourseDay() + " window"));
            }
        }
        return new Placement(placed, unplaced);
    }

    /** Earliest placement, stopping at the first dose that has no day within the window. */
    private static List<LocalDate> greedy(LocalDate first, Rules rules, Set<LocalDate> closures, int doses) {
        List<LocalDate> dates = new ArrayList<>();
        dates.add(first);
        while (dates.size() < doses) {
            LocalDate next = nextPossible(first, rules, closures, dates, first.plusDays(rules.lastCourseDay()));
            if (next == null) {
                break;
            }
            dates.add(next);
        }
        return dates;
    }

    /** The earliest day the next dose may take, on or before {@code until}; null if none. */
    private static LocalDate nextPossible(LocalDate first, Rules rules, Set<LocalDate> closures, List<LocalDate> placed,
            LocalDate until) {
        LocalDate previous = placed.get(placed.size() - 1);
        // At least one day apart even if a protocol declared 0: two doses never share a day.
        for (LocalDate d = previous.plusDays(Math.max(1, rules.minDaysBetweenDoses())); !d.isAfter(until);
                d = d.plusDays(1)) {
            if (rules.clinicDays().contains(d.getDayOfWeek()) && !closures.contains(d)
                    && dosesInIsoWeek(placed, d) < rules.maxDosesPerIsoWeek()) {
                return d;
            }
        }
        return null;
    }

    private static long dosesInIsoWeek(List<LocalDate> placed, LocalDate day) {
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        return placed.stream().filter(d -> d.with(DayOfWeek.MONDAY).equals(monday)).count();
    }

    private static String whyNot(LocalDate first, Rules rules, List<LocalDate> placed) {
        int number = placed.size() + 1;
        LocalDate beyond = nextPossible(first, rules, rules.closures(), placed,
                first.plusDays(rules.lastCourseDay() + SEARCH_DAYS_PAST_WINDOW));
        StringBuilder why = new StringBuilder("dose ").append(number).append(": ");
        if (beyond == null) {
            why.append("no open clinic day within a year after dose ").append(number - 1);
        } else {
            why.append("next possible day ").append(beyond).append(" (").append(beyond.getDayOfWeek())
                    .append(") is course day ").append(courseDay(first, beyond)).append(", after the day-")
                    .append(rules.lastCourseDay()).append(" window");
        }
        why.append(" (clinic days ").append(rules.clinicDays().stream().sorted().map(Enum::name)
                .collect(Collectors.joining(", "))).append(", at least ").append(rules.minDaysBetweenDoses())
                .append(" days apart, at most ").append(rules.maxDosesPerIsoWeek()).append(" per ISO week");
        List<LocalDate> inWindow = rules.closures().stream()
                .filter(c -> !c.isBefore(first) && !c.isAfter(first.plusDays(rules.lastCourseDay()))).sorted().toList();
        if (!inWindow.isEmpty()) {
            why.append("; closures in the window: ").append(inWindow.stream().map(LocalDate::toString)
                    .collect(Collectors.joining(", ")));
        }
        return why.append(")").toString();
    }

    static int courseDay(LocalDate first, LocalDate date) {
        return Math.toIntExact(ChronoUnit.DAYS.between(first, date));
    }
}
