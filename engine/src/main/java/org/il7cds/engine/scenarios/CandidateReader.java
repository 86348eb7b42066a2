package org.il7cds.engine.scenarios;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.il7cds.engine.eligibility.ArtHistory;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.Malignancy;
import org.il7cds.engine.eligibility.Sex;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.Qualitative;

/**
 * Reads a candidate written exactly as the API's Candidate (openapi.yaml: {@code cd4Counts}, {@code hivRna}, ...
 * with numeric values), so that a clinic's request pasted into a scenario is a scenario. The labs go to the engine in
 * the order the api's EligibilityMapper gives them, and the way back to the request's field names is kept.
 */
final class CandidateReader {

    /** The candidate and the names of its fields in the request. */
    record Read(Candidate candidate, RequestFields fields) {
    }

    /** The request's lab arrays, in the order the api maps them. */
    private static final List<Map.Entry<String, LabKind>> LABS = List.of(Map.entry("cd4Counts", LabKind.CD4_COUNT),
            Map.entry("cd4Percents", LabKind.CD4_PERCENT), Map.entry("hivRna", LabKind.HIV_RNA),
            Map.entry("neutrophils", LabKind.NEUTROPHILS), Map.entry("haemoglobin", LabKind.HAEMOGLOBIN),
            Map.entry("platelets", LabKind.PLATELETS), Map.entry("creatinine", LabKind.CREATININE));

    private static final Map<String, Comparator> COMPARATORS = Map.of("<", Comparator.LT, "<=", Comparator.LE,
            ">", Comparator.GT, ">=", Comparator.GE);

    private CandidateReader() {
    }

    /**
     * @param at the path of the candidate in the file ("request.candidate."), for problems
     * @param requestFields the top-level fields of the request the candidate is part of
     * @return null when a value cannot be read (the problems are in {@code v})
     */
    static Read read(Map<?, ?> c, ScenarioValues v, String at, Set<String> requestFields) {
        int before = v.problems().size();
        List<LabResult> labs = new ArrayList<>();
        Map<Integer, String> paths = new HashMap<>();
        for (Map.Entry<String, LabKind> lab : LABS) {
            List<?> results = v.list(c.get(lab.getKey()), at + lab.getKey());
            for (int i = 0; results != null && i < results.size(); i++) {
                String where = lab.getKey() + "[" + i + "]";
                Map<?, ?> r = v.map(results.get(i), at + where);
                if (r != null) {
                    paths.put(labs.size(), where);
                    labs.add(lab(lab.getValue(), r, v, at + where + "."));
                }
            }
        }
        Map<?, ?> a = v.map(c.get("art"), at + "art");
        ArtHistory art = a == null ? null : new ArtHistory(v.date(a.get("startDate"), at + "art.startDate"),
                v.date(a.get("lastRegimenChange"), at + "art.lastRegimenChange"),
                v.each(a.get("currentDrugs"), at + "art.currentDrugs", (x, p) -> v.text(x)));
        Candidate candidate = new Candidate(v.text(c.get("pseudonymId")), v.date(c.get("birthDate"), at + "birthDate"),
                v.whole(c.get("ageYears"), at + "ageYears"), v.constant(Sex.class, c.get("sex"), at + "sex"),
                v.bool(c.get("pregnant"), at + "pregnant"), v.bool(c.get("breastfeeding"), at + "breastfeeding"), labs,
                art, v.bool(c.get("priorInterleukinTherapy"), at + "priorInterleukinTherapy"),
                v.each(c.get("malignancyHistory"), at + "malignancyHistory",
                        (x, p) -> v.constant(Malignancy.class, x, p)),
                v.bool(c.get("activeOpportunisticInfection"), at + "activeOpportunisticInfection"));
        return v.problems().size() > before ? null : new Read(candidate, new RequestFields(requestFields, paths));
    }

    /** A LabValue, a ViralLoad (value with an optional comparator, or result NOT_DETECTED) or a Creatinine. */
    private static LabResult lab(LabKind kind, Map<?, ?> r, ScenarioValues v, String at) {
        BigDecimal value = v.decimal(r.get("value"), at + "value");
        Comparator comparator = kind != LabKind.HIV_RNA ? Comparator.EQ : value == null ? null : Comparator.EQ;
        if (r.get("comparator") != null) {
            if (value == null) {
                v.error("'" + at + "comparator' needs a value (a comparator qualifies a number, e.g. < 20; 'target not"
                        + " detected' is result NOT_DETECTED without a comparator)");
            } else {
                comparator = COMPARATORS.get(String.valueOf(r.get("comparator")));
            }
        }
        Qualitative qualitative = "NOT_DETECTED".equals(r.get("result")) ? Qualitative.NOT_DETECTED : null;
        return new LabResult(kind, value, comparator, qualitative, v.text(r.get("unit")),
                v.date(r.get("sampleDate"), at + "sampleDate"),
                v.decimal(r.get("upperLimitOfNormal"), at + "upperLimitOfNormal"));
    }
}
