package org.il7cds.engine.eligibility;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.FieldProblem;

/**
 * The course history as a fact for the re-treatment rules: the cycles of rhIL-7 given before the as-of date, by the
 * date of their first dose. One fact for the whole history, with the counts a rule needs ("how many cycles started in
 * the last 12 months"), so that no rule matches two cycles at once. Unknown history ({@code null} in the request)
 * is {@code known == false}: absence of a record is never "no previous cycle".
 */
public final class Cycles {

    private final boolean known;
    private final List<LocalDate> starts;
    private final LocalDate lastDoseDate;
    private final LocalDate asOf;

    private Cycles(boolean known, List<LocalDate> starts, LocalDate lastDoseDate, LocalDate asOf) {
        this.known = known;
        this.starts = starts;
        this.lastDoseDate = lastDoseDate;
        this.asOf = asOf;
    }

    /**
     * Checks a course history and turns it into the fact; every problem is added to {@code problems}, named
     * {@code previousCycles[i].doseDates[j]}.
     *
     * @param cycles null when the history is not known; an empty list means "no previous cycle"
     */
    static Cycles of(List<PreviousCycle> cycles, LocalDate asOf, LocalDate todayAnywhere, List<FieldProblem> problems) {
        if (cycles == null) {
            return new Cycles(false, List.of(), null, asOf);
        }
        List<LocalDate> starts = new ArrayList<>();
        LocalDate last = null;
        for (int i = 0; i < cycles.size(); i++) {
            PreviousCycle c = cycles.get(i);
            String at = "previousCycles[" + i + "]";
            if (c == null || c.doseDates() == null || c.doseDates().isEmpty()) {
                problems.add(new FieldProblem(at + ".doseDates", "is required: the dates the cycle's doses were given"));
                continue;
            }
            if (c.doseLevelUgPerKg() != null && c.doseLevelUgPerKg().signum() <= 0) {
                problems.add(new FieldProblem(at + ".doseLevelUgPerKg", "must be positive"));
            }
            LocalDate first = null;
            for (int j = 0; j < c.doseDates().size(); j++) {
                LocalDate d = c.doseDates().get(j);
                if (d == null) {
                    problems.add(new FieldProblem(at + ".doseDates[" + j + "]", "is empty"));
                } else if (d.isAfter(todayAnywhere) || d.isAfter(asOf)) {
                    problems.add(new FieldProblem(at + ".doseDates[" + j + "]",
                            "is after the as-of date or today: only doses already given belong to the history"));
                } else {
                    first = first == null || d.isBefore(first) ? d : first;
                    last = last == null || d.isAfter(last) ? d : last;
                }
            }
            if (first != null) {
                starts.add(first);
            }
        }
        starts.sort(java.util.Comparator.reverseOrder());
        return new Cycles(true, List.copyOf(starts), last, asOf);
    }

    /** The date the history is looked at from (the as-of date, or the first injection of the new cycle). */
    public LocalDate getAsOf() {
        return asOf;
    }

    /** Whether the course history was given (an empty history is known: no previous cycle). */
    public boolean isKnown() {
        return known;
    }

    /** How many previous cycles. */
    public int getCount() {
        return starts.size();
    }

    /** The cycles whose first dose lies in the {@code months} months up to the as-of date: (asOf − months, asOf]. */
    public int startedWithinMonths(int months) {
        LocalDate from = asOf.minusMonths(months);
        int n = 0;
        for (LocalDate s : starts) {
            n += s.isAfter(from) ? 1 : 0;
        }
        return n;
    }

    /** The first-dose date of the {@code n}-th most recent cycle (1 = the latest), or null when there are fewer. */
    public LocalDate startOfLatest(int n) {
        return n >= 1 && n <= starts.size() ? starts.get(n - 1) : null;
    }

    /** The first dose of the first cycle, or null when there is none. */
    public LocalDate getFirstCycleStart() {
        return starts.isEmpty() ? null : starts.get(starts.size() - 1);
    }

    /** The last dose given, or null when there is none. */
    public LocalDate getLastDoseDate() {
        return lastDoseDate;
    }

    /** Days from the last dose to the as-of date, or null when there is none. */
    public Integer getDaysSinceLastDose() {
        return lastDoseDate == null ? null : Math.toIntExact(ChronoUnit.DAYS.between(lastDoseDate, asOf));
    }

    @Override
    public String toString() {
        return known ? starts.size() + " previous cycle(s)" + (starts.isEmpty() ? "" : ", first doses " + starts)
                : "course history not given";
    }
}
