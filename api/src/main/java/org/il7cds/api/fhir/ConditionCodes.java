package org.il7cds.api.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.il7cds.engine.rules.SafeYaml;

/**
 * The Condition codes of {@code rules/terminology/conditions.yaml}: which ICD-10 and SNOMED CT codes mean Kaposi
 * sarcoma, basal-cell carcinoma, another malignancy, or an opportunistic infection. ICD-10 codes match a listed code
 * or any code below it, and "C00-C43" is a range of categories; a code written without its dot ("C349") is read as
 * the same code with it ("C34.9"). Codes under {@code icd10Who} match in WHO ICD-10 only (B20 is an infection there,
 * HIV disease itself in ICD-10-CM). SNOMED CT codes match exactly. The file's {@code unplacedWords} are the word
 * stems by which a Condition the codes cannot place (not ICD-10, not listed) is read as perhaps a malignancy or an
 * infection: only ever against a general negative, never as a finding.
 */
final class ConditionCodes {

    static final String PATH = "terminology/conditions.yaml";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String SNOMED = "http://snomed.info/sct";

    enum Kind { KAPOSI_SARCOMA, BASAL_CELL_CARCINOMA, MALIGNANCY, OPPORTUNISTIC_INFECTION }

    private record Entry(Kind kind, List<String> icd10, List<String> icd10Who, List<String> snomed) {
    }

    private final List<Entry> entries;
    private final List<String> malignancyWords;
    private final List<String> infectionWords;

    private ConditionCodes(List<Entry> entries, List<String> malignancyWords, List<String> infectionWords) {
        this.entries = entries;
        this.malignancyWords = malignancyWords;
        this.infectionWords = infectionWords;
    }

    /** Reads the file's text; a bundle without it knows no condition code (every such criterion stays UNKNOWN). */
    static ConditionCodes parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Map<?, ?> words = Map.of();
        if (text != null && SafeYaml.create().load(text) instanceof Map<?, ?> root) {
            entries.add(entry(Kind.KAPOSI_SARCOMA, root.get("kaposiSarcoma")));
            entries.add(entry(Kind.BASAL_CELL_CARCINOMA, root.get("basalCellCarcinoma")));
            entries.add(entry(Kind.MALIGNANCY, root.get("malignancy")));
            entries.add(entry(Kind.OPPORTUNISTIC_INFECTION, root.get("opportunisticInfection")));
            words = root.get("unplacedWords") instanceof Map<?, ?> w ? w : Map.of();
        }
        return new ConditionCodes(entries, lower(words.get("malignancy")), lower(words.get("opportunisticInfection")));
    }

    private static List<String> lower(Object o) {
        return o instanceof List<?> l ? l.stream().map(v -> String.valueOf(v).toLowerCase(Locale.ROOT)).toList()
                : List.of();
    }

    /** Whether a Condition's text or display names a malignancy by one of the file's word stems. */
    boolean namesMalignancy(String text) {
        return names(text, malignancyWords);
    }

    /** Whether a Condition's text or display names an opportunistic infection by one of the file's word stems. */
    boolean namesInfection(String text) {
        return names(text, infectionWords);
    }

    private static boolean names(String text, List<String> stems) {
        String t = text.toLowerCase(Locale.ROOT);
        return stems.stream().anyMatch(t::contains);
    }

    private static Entry entry(Kind kind, Object value) {
        Map<?, ?> m = value instanceof Map<?, ?> x ? x : Map.of();
        return new Entry(kind, strings(m.get("icd10")), strings(m.get("icd10Who")), strings(m.get("snomed")));
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(v -> String.valueOf(v).toUpperCase(Locale.ROOT)).toList()
                : List.of();
    }

    /**
     * What a coding means, the most specific first (a BCC code also lies in the malignancy ranges); null when the
     * code is not listed.
     */
    Kind kind(String system, String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        String icd = icd10(code);
        for (Entry e : entries) {
            if (SNOMED.equals(system) && e.snomed().contains(c)) {
                return e.kind();
            }
            if (isIcd10(system) && e.icd10().stream().anyMatch(p -> icd(p, icd))) {
                return e.kind();
            }
            if (ICD10.equals(system) && e.icd10Who().stream().anyMatch(p -> icd(p, icd))) {
                return e.kind();
            }
        }
        return null;
    }

    /** Whether a coding's system is WHO ICD-10 or ICD-10-CM. */
    static boolean isIcd10(String system) {
        return ICD10.equals(system) || ICD10_CM.equals(system);
    }

    /**
     * An ICD-10 code in its dotted form, upper case: "c349" and "C349" are C34.9 (EHRs often drop the dot, which
     * ICD-10 places after the three-character category); a code with a dot, or of three characters, is unchanged.
     */
    static String icd10(String code) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        return c.length() > 3 && c.indexOf('.') < 0 && c.matches("[A-Z][0-9]{2}[0-9A-Z]+") ? c.substring(0, 3) + "."
                + c.substring(3) : c;
    }

    private static boolean icd(String listed, String code) {
        int dash = listed.indexOf('-');
        if (dash > 0) {
            String category = code.length() >= 3 ? code.substring(0, 3) : code;
            return category.compareTo(listed.substring(0, dash)) >= 0 && category.compareTo(listed.substring(dash + 1)) <= 0;
        }
        return code.equals(listed) || code.startsWith(listed + ".") || (listed.contains(".") && code.startsWith(listed));
    }
}
