package org.il7cds.engine.scenarios;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.eligibility.ArtHistory;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.Malignancy;
import org.il7cds.engine.eligibility.Sex;
import org.il7cds.engine.labs.LabKind;

/**
 * Reads a candidate snapshot written by an informatician in a scenario file (plain YAML maps), for example:
 * <pre>
 * pseudonymId: SCN-01
 * birthDate: 1980-05-01
 * sex: FEMALE
 * labs:
 *   - { kind: HIV_RNA, value: "&lt;20", unit: copies/mL, sampleDate: 2026-11-19 }
 * </pre>
 * Lab values are written as laboratories print them ("350", "&lt;20", "not detected").
 */
public final class CandidateYaml {

    /**
     * A number written as text in a scenario file: plain digits, at most twelve on each side of the point. Anything
     * longer, or with an exponent, is refused before it becomes a BigDecimal: "1e999999999" is a small BigDecimal
     * that becomes a billion characters when a message prints it.
     */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,12})?");

    private CandidateYaml() {
    }

    /** The text of a number from a scenario file, refused (IllegalArgumentException) unless it is a plain decimal. */
    static String plainNumber(Object value) {
        String text = String.valueOf(value).trim();
        if (value instanceof String && !PLAIN_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + "' is not a plain number (digits and a decimal point, at most 12 digits on each side, no"
                    + " exponent)");
        }
        return text;
    }

    public static Candidate read(Map<?, ?> m) {
        List<FieldProblem> problems = new ArrayList<>();
        List<LabResult> labs = new ArrayList<>();
        if (m.get("labs") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> lab) {
                    try {
                        labs.add(lab(lab));
                    } catch (RuntimeException e) {
                        problems.add(new FieldProblem("labs[" + i + "]", e.getMessage()));
                    }
                } else {
                    problems.add(new FieldProblem("labs[" + i + "]", "must be a mapping"));
                }
            }
        }
        ArtHistory art = null;
        if (m.get("art") instanceof Map<?, ?> a) {
            art = new ArtHistory(date(a.get("startDate"), "art.startDate", problems),
                    date(a.get("lastRegimenChange"), "art.lastRegimenChange", problems),
                    a.get("currentDrugs") instanceof List<?> d ? d.stream().map(String::valueOf).toList() : null);
        }
        List<Malignancy> malignancies = null;
        if (m.get("malignancyHistory") instanceof List<?> list) {
            malignancies = new ArrayList<>();
            for (Object o : list) {
                try {
                    malignancies.add(Malignancy.valueOf(String.valueOf(o).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldProblem("malignancyHistory", "unknown malignancy '" + o + "'"));
                }
            }
        }
        Sex sex = null;
        if (m.get("sex") != null) {
            try {
                sex = Sex.valueOf(String.valueOf(m.get("sex")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("sex", "must be FEMALE, MALE, OTHER or UNKNOWN"));
            }
        }
        Candidate c = new Candidate(m.get("pseudonymId") == null ? null : String.valueOf(m.get("pseudonymId")),
                date(m.get("birthDate"), "birthDate", problems),
                m.get("ageYears") == null ? null : Integer.valueOf(String.valueOf(m.get("ageYears"))), sex,
                bool(m.get("pregnant")), bool(m.get("breastfeeding")), labs, art, bool(m.get("priorInterleukinTherapy")),
                malignancies, bool(m.get("activeOpportunisticInfection")));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return c;
    }

    private static LabResult lab(Map<?, ?> lab) {
        LabKind kind = LabKind.valueOf(String.valueOf(lab.get("kind")));
        String reported = String.valueOf(lab.get("value")).trim();
        if (lab.get("value") instanceof String && !reported.isEmpty() && !Character.isLetter(reported.charAt(0))) {
            plainNumber(reported.replaceFirst("^[<>=≤≥\\s]+", "")); // a comparator ("<20"), then the number
        }
        LabResult r = LabResult.parse(kind, reported,
                lab.get("unit") == null ? null : String.valueOf(lab.get("unit")),
                lab.get("sampleDate") == null ? null : LocalDate.parse(String.valueOf(lab.get("sampleDate"))));
        Object uln = lab.get("upperLimitOfNormal");
        return uln == null ? r : r.withUpperLimitOfNormal(new BigDecimal(plainNumber(uln)));
    }

    private static Boolean bool(Object o) {
        return o == null ? null : Boolean.valueOf(String.valueOf(o));
    }

    static LocalDate date(Object o, String field, List<FieldProblem> problems) {
        if (o == null) {
            return null;
        }
        try {
            return LocalDate.parse(String.valueOf(o));
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "is not a date (YYYY-MM-DD)"));
            return null;
        }
    }
}
