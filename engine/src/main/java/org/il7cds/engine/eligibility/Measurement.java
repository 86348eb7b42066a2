package org.il7cds.engine.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.Qualitative;

/**
 * One lab result of the candidate's history, as a fact: every valid result drawn on or before the as-of date, not
 * only the latest ({@link Lab} is the latest of its kind). Values are in the kind's canonical unit. Each knows its
 * neighbours of the same kind in date order, so that a rule can ask "is the value before this one below 50?" without
 * matching two results at once (which the rules sandbox refuses: it would grow with the square of the history).
 *
 * <p>The comparisons answer {@code true}, {@code false} or {@code null} (undecidable: a censored value such as
 * {@code <100} against 50, or no neighbour): a rule tests {@code below($x) == true}, never the negation of an unknown.
 */
public final class Measurement {

    private final LabKind kind;
    private final BigDecimal value;
    private final Comparator comparator;
    private final Qualitative qualitative;
    private final LocalDate sampleDate;
    private final int ageDays;
    private final String display;
    private Measurement previous;
    private Measurement next;

    Measurement(LabKind kind, BigDecimal value, Comparator comparator, Qualitative qualitative, LocalDate sampleDate,
            int ageDays, String display) {
        this.kind = kind;
        this.value = value;
        this.comparator = comparator;
        this.qualitative = qualitative;
        this.sampleDate = sampleDate;
        this.ageDays = ageDays;
        this.display = display;
    }

    /**
     * The candidate's lab history as facts, every kind, as of {@code asOf}: the snapshot checked as an assessment
     * checks it (for the monitoring rules, which see the history but decide no criterion).
     *
     * @throws org.il7cds.engine.InvalidInputException when the snapshot cannot be used (every problem listed)
     */
    public static java.util.List<Measurement> historyOf(Candidate candidate, LocalDate asOf, LocalDate todayAnywhere) {
        return CandidateFacts.of(candidate, asOf, todayAnywhere).measurements;
    }

    /** Links a kind's results, oldest first (done once, by CandidateFacts, before any rule sees them). */
    static void link(java.util.List<Measurement> inDateOrder) {
        for (int i = 0; i < inDateOrder.size(); i++) {
            inDateOrder.get(i).previous = i == 0 ? null : inDateOrder.get(i - 1);
            inDateOrder.get(i).next = i + 1 == inDateOrder.size() ? null : inDateOrder.get(i + 1);
        }
    }

    public LabKind getKind() {
        return kind;
    }

    /** The value in the kind's canonical unit; null for a qualitative result. */
    public BigDecimal getValue() {
        return value;
    }

    public Comparator getComparator() {
        return comparator;
    }

    public Qualitative getQualitative() {
        return qualitative;
    }

    public LocalDate getSampleDate() {
        return sampleDate;
    }

    /** Days from the sample to the as-of date. */
    public int getAgeDays() {
        return ageDays;
    }

    public String getDisplay() {
        return display;
    }

    /** True for the most recent result of its kind (no later one on or before the as-of date). */
    public boolean isLatest() {
        return next == null;
    }

    /** True for the oldest result of its kind. */
    public boolean isFirst() {
        return previous == null;
    }

    /** The date of the previous result of this kind, or null. */
    public LocalDate getPreviousSampleDate() {
        return previous == null ? null : previous.sampleDate;
    }

    /** The date of the next result of this kind, or null. */
    public LocalDate getNextSampleDate() {
        return next == null ? null : next.sampleDate;
    }

    /** Whether the true value is below {@code limit}: null when the result cannot say ({@code <100} against 50). */
    public Boolean below(BigDecimal limit) {
        if (qualitative == Qualitative.NOT_DETECTED) {
            return Boolean.TRUE;
        }
        if (value == null) {
            return null;
        }
        int c = value.compareTo(limit);
        return switch (comparator) {
            case EQ -> c < 0;
            case LT -> c <= 0 ? Boolean.TRUE : null;
            case LE -> c < 0 ? Boolean.TRUE : null;
            case GT, GE -> c >= 0 ? Boolean.FALSE : null;
        };
    }

    /** Whether the true value is above {@code limit}: null when the result cannot say. */
    public Boolean above(BigDecimal limit) {
        if (qualitative == Qualitative.NOT_DETECTED) {
            return Boolean.FALSE;
        }
        if (value == null) {
            return null;
        }
        int c = value.compareTo(limit);
        return switch (comparator) {
            case EQ -> c > 0;
            case GT -> c >= 0 ? Boolean.TRUE : null;
            case GE -> c > 0 ? Boolean.TRUE : null;
            case LT, LE -> c <= 0 ? Boolean.FALSE : null;
        };
    }

    /** Whether the value lies in [min, max] (both inclusive): null for a censored or qualitative result. */
    public Boolean within(BigDecimal min, BigDecimal max) {
        if (value == null || comparator != Comparator.EQ) {
            return null;
        }
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    public Boolean previousBelow(BigDecimal limit) {
        return previous == null ? null : previous.below(limit);
    }

    public Boolean nextBelow(BigDecimal limit) {
        return next == null ? null : next.below(limit);
    }

    public Boolean previousAbove(BigDecimal limit) {
        return previous == null ? null : previous.above(limit);
    }

    public Boolean nextAbove(BigDecimal limit) {
        return next == null ? null : next.above(limit);
    }

    public Boolean previousWithin(BigDecimal min, BigDecimal max) {
        return previous == null ? null : previous.within(min, max);
    }

    public Boolean nextWithin(BigDecimal min, BigDecimal max) {
        return next == null ? null : next.within(min, max);
    }

    @Override
    public String toString() {
        return display + " on " + sampleDate;
    }
}
