package org.il7cds.engine.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.Qualitative;

/**
 * The fact rules see for a lab: the most recent valid result of its kind at the as-of date, normalised to
 * the kind's canonical unit. {@code conflicting} is true when several results drawn that same day disagree;
 * {@code ageDays} is how many days before the as-of date the sample was drawn.
 */
public final class Lab {

    private final LabKind kind;
    private final BigDecimal value;
    private final Comparator comparator;
    private final Qualitative qualitative;
    private final LocalDate sampleDate;
    private final int ageDays;
    private final boolean conflicting;
    private final String display;

    Lab(LabKind kind, BigDecimal value, Comparator comparator, Qualitative qualitative, LocalDate sampleDate,
            int ageDays, boolean conflicting, String display) {
        this.kind = kind;
        this.value = value;
        this.comparator = comparator;
        this.qualitative = qualitative;
        this.sampleDate = sampleDate;
        this.ageDays = ageDays;
        this.conflicting = conflicting;
        this.display = display;
    }

    public LabKind getKind() {
        return kind;
    }

    /** The value in the kind's canonical unit; null for a qualitative result. */
    public BigDecimal getValue() {
        return value;
    }

    /** EQ for an exact value; LT/LE/GT/GE for a censored one; null for a qualitative result. */
    public Comparator getComparator() {
        return comparator;
    }

    public Qualitative getQualitative() {
        return qualitative;
    }

    public LocalDate getSampleDate() {
        return sampleDate;
    }

    public int getAgeDays() {
        return ageDays;
    }

    public boolean isConflicting() {
        return conflicting;
    }

    /** True for an exact (not censored, not qualitative) numeric value. */
    public boolean isExact() {
        return comparator == Comparator.EQ;
    }

    /** How the result reads in an explanation: "<20 copies/mL (reported <1.3 log10 copies/mL)". */
    public String getDisplay() {
        return display;
    }

    @Override
    public String toString() {
        return "Lab[" + kind + "]";
    }
}
