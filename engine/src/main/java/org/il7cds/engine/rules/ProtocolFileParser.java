package org.il7cds.engine.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.LabUnits;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a {@code protocol.yaml}. Every problem is collected with its file (and line for YAML syntax
 * errors, the key path otherwise) instead of stopping at the first one.
 */
public final class ProtocolFileParser {

    private ProtocolFileParser() {
    }

    /** Parses YAML text, recording a syntax error with its line instead of throwing. */
    public static Object load(String file, String text, List<RuleProblem> problems) {
        try {
            return SafeYaml.create().load(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            problems.add(RuleProblem.error(file, line, "YAML: " + e.getProblem()));
        } catch (RuntimeException e) {
            problems.add(RuleProblem.error(file, 0, "YAML: " + e.getMessage()));
        }
        return null;
    }

    public static ProtocolDefinition parse(String file, String text, List<RuleProblem> problems) {
        int before = problems.size();
        if (!(load(file, text, problems) instanceof Map<?, ?> root)) {
            if (problems.size() == before) {
                problems.add(RuleProblem.error(file, 0, "a protocol file must be a YAML mapping"));
            }
            return null;
        }
        String folder = file.substring(0, file.lastIndexOf('/') + 1);
        String id = string(root, "id", file, "", problems, true);
        String title = string(root, "title", file, "", problems, true);
        String citation = string(root, "citation", file, "", problems, true);
        List<CriterionDefinition> criteria = new ArrayList<>();
        if (root.get("criteria") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String at = "criteria[" + i + "]";
                if (list.get(i) instanceof Map<?, ?> c) {
                    CriterionDefinition parsed = criterion(file, at, c, problems);
                    if (parsed != null) {
                        criteria.add(parsed);
                    }
                } else {
                    problems.add(RuleProblem.error(file, 0, at + " must be a mapping"));
                }
            }
        } else {
            problems.add(RuleProblem.error(file, 0, "'criteria' must be a list"));
        }
        long distinct = criteria.stream().map(CriterionDefinition::id).distinct().count();
        if (distinct != criteria.size()) {
            problems.add(RuleProblem.error(file, 0, "criterion ids must be unique"));
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        root.forEach((k, v) -> {
            if (!List.of("id", "title", "citation", "criteria").contains(String.valueOf(k))) {
                sections.put(String.valueOf(k), v);
            }
        });
        // Parsed once, here: a broken dosing section fails the load, not a request.
        DosingDefinition dosing = sections.containsKey("dosing")
                ? DosingDefinition.parse(file, sections.get("dosing"), problems) : null;
        if (sections.containsKey("monitoring")) {
            // Checked here too, so that a broken monitoring section fails the load, not a request.
            MonitoringDefinition.parse(file, sections.get("monitoring"), problems);
        }
        return problems.size() > before ? null
                : new ProtocolDefinition(id, title, citation, folder, criteria, sections, dosing);
    }

    private static CriterionDefinition criterion(String file, String at, Map<?, ?> c, List<RuleProblem> problems) {
        int before = problems.size();
        String id = string(c, "id", file, at, problems, true);
        String title = string(c, "title", file, at, problems, true);
        String source = string(c, "source", file, at, problems, true);
        String typeText = string(c, "type", file, at, problems, true);
        CriterionType type = null;
        if (typeText != null) {
            try {
                type = CriterionType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(RuleProblem.error(file, 0, at + ".type must be inclusion, exclusion or retreatment"));
            }
        }
        LabKind lab = null;
        String labText = string(c, "lab", file, at, problems, false);
        if (labText != null) {
            try {
                lab = LabKind.valueOf(labText);
            } catch (IllegalArgumentException e) {
                problems.add(RuleProblem.error(file, 0, at + ".lab '" + labText + "' is not one of "
                        + java.util.Arrays.toString(LabKind.values())));
            }
        }
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        if (c.get("parameters") instanceof Map<?, ?> params) {
            params.forEach((name, value) -> {
                Parameter p = parameter(file, at + ".parameters." + name, String.valueOf(name), value, problems);
                if (p != null) {
                    parameters.put(String.valueOf(name), p);
                }
            });
        } else if (c.get("parameters") != null) {
            problems.add(RuleProblem.error(file, 0, at + ".parameters must be a mapping"));
        }
        boolean assumption = Boolean.TRUE.equals(c.get("assumption"));
        String threshold = string(c, "threshold", file, at, problems, false);
        String unit = string(c, "unit", file, at, problems, false);
        Comparison comparison = null;
        String comparisonText = string(c, "comparison", file, at, problems, false);
        if (comparisonText != null) {
            comparison = comparison(file, at, comparisonText, lab, labText, threshold, unit, parameters, problems);
            for (String text : new String[] {id, title, source}) {
                if (text != null && !GENERATED_TEXT.matcher(text).matches()) {
                    problems.add(RuleProblem.error(file, 0, at + ": the id, title and source of a criterion with a"
                            + " comparison become the text of generated rules: no double quote, backslash or control"
                            + " character"));
                    break;
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new CriterionDefinition(id, title, type, source, assumption, lab, comparison, threshold, unit,
                parameters);
    }

    /** Text that may stand inside a generated DRL string literal as it is. */
    private static final java.util.regex.Pattern GENERATED_TEXT = java.util.regex.Pattern.compile("[^\"\\\\\\p{Cntrl}]*");
    /** The largest bound or window a generated rule holds (plausibility limits are far below it). */
    private static final BigDecimal MAX_BOUND = new BigDecimal("1000000000");

    /**
     * Checks a lab criterion's declaration before rules are generated from it: the comparison is known, the criterion
     * reads a lab, every bound it needs is a plain number in the lab's unit, the window is a whole number of days; the
     * threshold text is not written (it is generated). Only values checked here reach a generated rule.
     */
    private static Comparison comparison(String file, String at, String text, LabKind lab, String labText,
            String threshold, String unit, Map<String, Parameter> parameters, List<RuleProblem> problems) {
        Comparison comparison = Comparison.of(text);
        if (comparison == null) {
            problems.add(RuleProblem.error(file, 0, at + ".comparison '" + text + "' is not one of at-least, at-most,"
                    + " between, below"));
            return null;
        }
        if (lab == null) {
            if (labText == null) {
                problems.add(RuleProblem.error(file, 0, at + ".comparison needs the lab it compares (lab: KIND)"));
            }
            return null;
        }
        int before = problems.size();
        if (threshold != null) {
            problems.add(RuleProblem.error(file, 0, at + ".threshold is printed from the bounds for a criterion with a"
                    + " comparison: remove it"));
        }
        String canonical = LabUnits.canonicalSpelling(lab.canonicalUnit());
        if (unit == null || !LabUnits.canonicalSpelling(unit).equals(canonical)) {
            problems.add(RuleProblem.error(file, 0, at + ".unit must be " + lab.canonicalUnit() + ", the unit the engine"
                    + " converts every " + lab.label() + " result to"));
        }
        List<String> needed = new ArrayList<>(comparison.bounds());
        needed.add(CriterionDefinition.WINDOW);
        for (String name : needed) {
            Parameter p = parameters.get(name);
            String where = at + ".parameters." + name;
            if (p == null) {
                problems.add(RuleProblem.error(file, 0, where + " is required by comparison " + comparison.yaml()));
            } else if (!p.isNumber() || p.number().signum() < 0 || p.number().compareTo(MAX_BOUND) > 0) {
                problems.add(RuleProblem.error(file, 0, where + " must be a number from 0 to " + MAX_BOUND));
            } else if (name.equals(CriterionDefinition.WINDOW)) {
                if (p.number().stripTrailingZeros().scale() > 0 || p.unit() == null || !p.unit().equals("days")) {
                    problems.add(RuleProblem.error(file, 0, where + " must be a whole number of days (unit: days)"));
                }
            } else if (p.unit() == null || !LabUnits.canonicalSpelling(p.unit()).equals(canonical)) {
                problems.add(RuleProblem.error(file, 0, where + ".unit must be " + lab.canonicalUnit()));
            }
        }
        for (String name : parameters.keySet()) {
            if (!needed.contains(name)) {
                problems.add(RuleProblem.error(file, 0, at + ".parameters." + name + " is not read by comparison "
                        + comparison.yaml() + " (it reads " + String.join(", ", needed) + ")"));
            }
        }
        if (comparison == Comparison.BETWEEN && problems.size() == before
                && parameters.get("min").number().compareTo(parameters.get("max").number()) > 0) {
            problems.add(RuleProblem.error(file, 0, at + ": min is above max"));
        }
        return problems.size() > before ? null : comparison;
    }

    static Parameter parameter(String file, String at, String name, Object value, List<RuleProblem> problems) {
        if (!(value instanceof Map<?, ?> p)) {
            problems.add(RuleProblem.error(file, 0, at + " must be a mapping with value, unit, source, assumption"));
            return null;
        }
        String source = string(p, "source", file, at, problems, true);
        Object raw = p.get("value");
        BigDecimal number = null;
        List<String> codes = null;
        if (SafeYaml.number(raw) != null) { // the one number rule of rules files
            number = SafeYaml.number(raw);
        } else if (raw instanceof List<?> list) {
            codes = list.stream().map(o -> String.valueOf(o).trim().toLowerCase(Locale.ROOT)).toList();
        } else {
            problems.add(RuleProblem.error(file, 0, at + ".value must be a number or a list of codes"));
            return null;
        }
        Object assumption = p.get("assumption");
        if (!(assumption instanceof Boolean)) {
            problems.add(RuleProblem.error(file, 0, at + ".assumption must be true or false (say whether the"
                    + " protocol's own paper confirms this value)"));
            return null;
        }
        return new Parameter(name, number, codes, p.get("unit") == null ? null : String.valueOf(p.get("unit")),
                source, (Boolean) assumption);
    }

    private static String string(Map<?, ?> map, String key, String file, String at, List<RuleProblem> problems,
            boolean required) {
        Object v = map.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                problems.add(RuleProblem.error(file, 0, (at.isEmpty() ? "" : at + ".") + key + " is required"));
            }
            return null;
        }
        return String.valueOf(v).trim();
    }
}
