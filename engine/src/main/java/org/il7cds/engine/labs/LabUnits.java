package org.il7cds.engine.labs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts a reported value to its kind's canonical unit. Every accepted unit spelling is listed here;
 * any other unit is rejected, never guessed. Conversions are exact decimal arithmetic, except log10
 * viral loads, which are converted to copies/mL and rounded half-up to a whole copy (declared rounding:
 * 1.70 log10 = 50.1 copies/mL is reported as 50 copies/mL, which is how the assay meant it).
 */
public final class LabUnits {

    private static final BigDecimal THOUSAND = new BigDecimal("1000");
    private static final BigDecimal TEN = BigDecimal.TEN;
    /** log10 values above this (10^10 copies/mL) are not plausible viral loads. */
    private static final BigDecimal MAX_LOG10 = new BigDecimal("10");

    private static final Map<String, BigDecimal> CELLS_PER_UL = Map.of(
            "cells/ul", BigDecimal.ONE, "/ul", BigDecimal.ONE, "{cells}/ul", BigDecimal.ONE,
            "cells/mm3", BigDecimal.ONE, "/mm3", BigDecimal.ONE, "10*6/l", BigDecimal.ONE,
            "10*9/l", THOUSAND, "10*3/ul", THOUSAND);
    private static final Map<String, BigDecimal> PLATELETS_10E9_PER_L = Map.of(
            "10*9/l", BigDecimal.ONE, "10*3/ul", BigDecimal.ONE, "10*3/mm3", BigDecimal.ONE,
            "cells/ul", new BigDecimal("0.001"), "/ul", new BigDecimal("0.001"), "cells/mm3", new BigDecimal("0.001"),
            "/mm3", new BigDecimal("0.001"));
    private static final Map<String, BigDecimal> HAEMOGLOBIN_G_PER_DL = Map.of(
            "g/dl", BigDecimal.ONE, "g/l", new BigDecimal("0.1"));
    private static final Set<String> COPIES_PER_ML = Set.of("copies/ml", "{copies}/ml", "1/ml", "cp/ml");
    private static final Set<String> LOG_COPIES_PER_ML = Set.of(
            "log10 copies/ml", "log copies/ml", "{log_copies}/ml", "log10", "log");
    private static final Set<String> CREATININE_UNITS = Set.of("mg/dl", "umol/l");
    private static final Set<String> PERCENT = Set.of("%");

    /**
     * Plausibility limits of each kind, in its canonical unit: input outside them is refused as a probable unit or
     * typing error (haemoglobin 95 "g/dL" is 95 g/L), never compared. Declared in the README; not protocol criteria.
     */
    private static final Map<LabKind, BigDecimal[]> PLAUSIBLE = Map.of(
            LabKind.CD4_COUNT, range("0", "5000"),
            LabKind.CD4_PERCENT, range("0", "100"),
            LabKind.HIV_RNA, range("0", "100000000"),
            LabKind.NEUTROPHILS, range("0", "100000"),
            LabKind.HAEMOGLOBIN, range("2", "25"),
            LabKind.PLATELETS, range("0", "2000"),
            LabKind.CREATININE, range("0.05", "30"));
    /** Plausible creatinine upper limits of normal per unit (mg/dL about 1.0-1.3; µmol/L about 90-115). */
    private static final Map<String, BigDecimal[]> CREATININE_ULN = Map.of(
            "mg/dl", range("0.3", "3"), "umol/l", range("25", "270"));

    private static BigDecimal[] range(String min, String max) {
        return new BigDecimal[] {new BigDecimal(min), new BigDecimal(max)};
    }

    private LabUnits() {
    }

    /**
     * Lower-cases a unit, maps the micro sign to "u" and "mm³" to "mm3", drops white space around '/' and folds
     * other runs of white space to one space. One pass without regular expressions: it runs for every lab result.
     */
    public static String canonicalSpelling(String unit) {
        String t = unit.trim().toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(t.length());
        boolean spaceBefore = false;
        boolean afterSlash = false;
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (isSpace(ch)) {
                spaceBefore = true;
                continue;
            }
            if (ch == '/') {
                b.append('/');
                spaceBefore = false;
                afterSlash = true;
                continue;
            }
            if (spaceBefore && !afterSlash) {
                b.append(' ');
            }
            spaceBefore = false;
            afterSlash = false;
            if (ch == '\u00b5' || ch == '\u03bc') {
                ch = 'u';
            } else if (ch == '\u00b3' && b.length() >= 2 && b.charAt(b.length() - 1) == 'm'
                    && b.charAt(b.length() - 2) == 'm') {
                ch = '3';
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** White space as {@code \s} of java.util.regex: space, tab, line feed, vertical tab, form feed, return. */
    public static boolean isSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\u000b' || ch == '\f' || ch == '\r';
    }

    /**
     * Converts {@code value} in {@code unit} to the canonical unit of {@code kind}.
     *
     * @param upperLimitOfNormal only for creatinine: the laboratory's ULN in the same unit as the value
     * @throws IllegalArgumentException naming the accepted units when the unit is unknown for this kind
     */
    public static BigDecimal toCanonical(LabKind kind, BigDecimal value, String unit, BigDecimal upperLimitOfNormal) {
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException("a unit is required for " + kind.label());
        }
        String u = canonicalSpelling(unit);
        BigDecimal canonical = convert(kind, value, u, unit, upperLimitOfNormal);
        BigDecimal[] range = PLAUSIBLE.get(kind);
        if (canonical.compareTo(range[0]) < 0 || canonical.compareTo(range[1]) > 0) {
            throw new IllegalArgumentException("a " + kind.label() + " of " + canonical.toPlainString() + " "
                    + kind.canonicalUnit() + " is not plausible (accepted " + range[0].toPlainString() + " to "
                    + range[1].toPlainString() + " " + kind.canonicalUnit() + "): check the value and its unit");
        }
        return canonical;
    }

    private static BigDecimal convert(LabKind kind, BigDecimal value, String u, String unit,
            BigDecimal upperLimitOfNormal) {
        return switch (kind) {
            case CD4_COUNT, NEUTROPHILS -> scaled(kind, value, u, CELLS_PER_UL, unit);
            case PLATELETS -> scaled(kind, value, u, PLATELETS_10E9_PER_L, unit);
            case HAEMOGLOBIN -> scaled(kind, value, u, HAEMOGLOBIN_G_PER_DL, unit);
            case CD4_PERCENT -> {
                requireUnit(kind, u, PERCENT, unit);
                if (value.compareTo(new BigDecimal("100")) > 0) {
                    throw new IllegalArgumentException("a CD4+ percentage cannot exceed 100");
                }
                yield value;
            }
            case HIV_RNA -> hivRnaCopiesPerMl(value, u, unit);
            case CREATININE -> {
                requireUnit(kind, u, CREATININE_UNITS, unit);
                if (upperLimitOfNormal == null) {
                    throw new IllegalArgumentException(
                            "creatinine needs the laboratory's upper limit of normal (upperLimitOfNormal) in the same unit");
                }
                BigDecimal[] uln = CREATININE_ULN.get(u);
                if (upperLimitOfNormal.compareTo(uln[0]) < 0 || upperLimitOfNormal.compareTo(uln[1]) > 0) {
                    throw new IllegalArgumentException("an upper limit of normal of " + upperLimitOfNormal.toPlainString()
                            + " " + unit.trim() + " is not plausible for creatinine (accepted " + uln[0].toPlainString()
                            + " to " + uln[1].toPlainString() + " " + unit.trim()
                            + "): give it in the same unit as the result");
                }
                yield value.divide(upperLimitOfNormal, MathContext.DECIMAL64).stripTrailingZeros();
            }
        };
    }

    private static BigDecimal hivRnaCopiesPerMl(BigDecimal value, String u, String original) {
        if (COPIES_PER_ML.contains(u)) {
            return value;
        }
        if (LOG_COPIES_PER_ML.contains(u)) {
            if (value.compareTo(MAX_LOG10) > 0) {
                throw new IllegalArgumentException("a log10 viral load above 10 is not plausible");
            }
            double copies = Math.pow(10, value.doubleValue());
            return new BigDecimal(copies).setScale(0, RoundingMode.HALF_UP);
        }
        if (u.contains("iu")) {
            throw new IllegalArgumentException("HIV-1 RNA in IU/mL cannot be converted to copies/mL without the"
                    + " assay's own factor: give the result in copies/mL or log10 copies/mL");
        }
        throw unknownUnit(LabKind.HIV_RNA, original, "copies/mL, {copies}/mL, log10 copies/mL");
    }

    private static BigDecimal scaled(LabKind kind, BigDecimal value, String u, Map<String, BigDecimal> factors,
            String original) {
        BigDecimal factor = factors.get(u);
        if (factor == null) {
            throw unknownUnit(kind, original, String.join(", ", new java.util.TreeSet<>(factors.keySet())));
        }
        return value.multiply(factor).stripTrailingZeros();
    }

    private static void requireUnit(LabKind kind, String u, Set<String> accepted, String original) {
        if (!accepted.contains(u)) {
            throw unknownUnit(kind, original, String.join(", ", new java.util.TreeSet<>(accepted)));
        }
    }

    private static IllegalArgumentException unknownUnit(LabKind kind, String unit, String accepted) {
        return new IllegalArgumentException(
                "unknown unit '" + unit + "' for " + kind.label() + ": accepted units are " + accepted);
    }
}
