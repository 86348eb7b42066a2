package org.il7cds.api.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test-data builders for request bodies, as plain JSON trees: {@code Bodies.eligibleCandidate()} meets every
 * levy-2009 criterion on {@link FixedClockConfiguration#TODAY} (labs drawn 7 days before), so each test changes
 * only what it is about.
 */
public final class Bodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final LocalDate DRAWN = FixedClockConfiguration.TODAY.minusDays(7);

    private Bodies() {
    }

    public static Map<String, Object> eligibleCandidate() {
        return eligibleCandidate("CAND-001");
    }

    public static Map<String, Object> eligibleCandidate(String id) {
        LocalDate today = FixedClockConfiguration.TODAY;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pseudonymId", id);
        c.put("birthDate", today.minusYears(40).toString());
        c.put("sex", "MALE");
        c.put("pregnant", false);
        c.put("breastfeeding", false);
        c.put("cd4Counts", list(lab(250, "cells/uL")));
        c.put("hivRna", list(map("value", 20, "comparator", "<", "unit", "copies/mL", "sampleDate", DRAWN.toString())));
        c.put("neutrophils", list(lab(2000, "cells/uL")));
        c.put("haemoglobin", list(lab(13.5, "g/dL")));
        c.put("platelets", list(lab(220, "10*9/L")));
        c.put("creatinine", list(map("value", 0.9, "unit", "mg/dL", "upperLimitOfNormal", 1.2,
                "sampleDate", DRAWN.toString())));
        c.put("art", map("startDate", today.minusYears(3).toString(), "lastRegimenChange",
                today.minusYears(1).toString(), "currentDrugs", list("dolutegravir", "lamivudine", "abacavir")));
        c.put("priorInterleukinTherapy", false);
        c.put("malignancyHistory", list());
        c.put("activeOpportunisticInfection", false);
        return c;
    }

    public static Map<String, Object> lab(Object value, String unit) {
        return map("value", value, "unit", unit, "sampleDate", DRAWN.toString());
    }

    /** {"candidate": c} (+ asOf when given). */
    public static Map<String, Object> assessment(Map<String, Object> candidate) {
        return map("candidate", candidate);
    }

    public static Map<String, Object> calendarRequest(Map<String, Object> candidate) {
        return map("protocolId", "levy-2009", "doseLevelUgPerKg", 10, "weightKg", 70.5,
                "weightMeasuredOn", FixedClockConfiguration.TODAY.minusDays(2).toString(),
                "firstInjectionDate", FixedClockConfiguration.TODAY.plusDays(4).toString(), // a Monday
                "candidate", candidate);
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    public static String toJson(Object tree) {
        return JSON.writeValueAsString(tree);
    }
}
