package org.il7cds.engine.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.Qualitative;

/**
 * One laboratory result as the clinic reported it: a value with an optional comparator ("<20"), or a
 * qualitative result ("target not detected"), its unit and the date the sample was drawn. Values are
 * checked and normalised by {@link CandidateFacts}, not here, so that every problem of a snapshot is
 * reported at once.
 *
 * @param upperLimitOfNormal only for creatinine: the laboratory's ULN, in the same unit as the value
 */
public record LabResult(LabKind kind, BigDecimal value, Comparator comparator, Qualitative qualitative, String unit,
        LocalDate sampleDate, BigDecimal upperLimitOfNormal) {

    /** An exact numeric result. */
    public static LabResult of(LabKind kind, String value, String unit, LocalDate sampleDate) {
        return new LabResult(kind, new BigDecimal(value), Comparator.EQ, null, unit, sampleDate, null);
    }

    /**
     * Parses a result as laboratories print it: "350", "<20", "<= 40", "> 1000", or "not detected".
     */
    public static LabResult parse(LabKind kind, String reported, String unit, LocalDate sampleDate) {
        String text = reported.trim();
        if (!text.isEmpty() && Character.isLetter(text.charAt(0))) {
            return new LabResult(kind, null, null, Qualitative.parse(text), unit, sampleDate, null);
        }
        int i = 0;
        while (i < text.length() && "<>=≤≥".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        Comparator comparator = Comparator.parse(text.substring(0, i));
        String number = text.substring(i).trim();
        try {
            return new LabResult(kind, new BigDecimal(number), comparator, null, unit, sampleDate, null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + reported + "' is not a number, a censored value such as <20,"
                    + " or 'not detected'");
        }
    }

    /** A copy carrying the laboratory's upper limit of normal (creatinine). */
    public LabResult withUpperLimitOfNormal(BigDecimal uln) {
        return new LabResult(kind, value, comparator, qualitative, unit, sampleDate, uln);
    }
}
