package org.il7cds.engine.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.il7cds.engine.labs.LabKind;

/**
 * The {@code dosing:} section of a protocol file: the schedule's parameters (value, unit, source, assumption)
 * and its monitoring visits. Parsed and checked when the rules load, so a broken section never reaches a request.
 *
 * @param parameters by name, in file order; numbers, or lists/words held as {@link Parameter#codes()}
 * @param visitsNote what a calendar says when its visit days are assumptions ({@code visitsNote}), or null
 * @param assumptionsNote how a calendar introduces the section's assumed parameters ({@code assumptionsNote}), or null
 */
public record DosingDefinition(String title, String source, String route, Map<String, Parameter> parameters,
        List<VisitDefinition> visits, String visitsNote, String assumptionsNote) {

    /** Parameters every dosing section must declare, with the kind of value each needs. */
    private static final Map<String, Kind> REQUIRED = requiredParameters();

    private enum Kind {
        NUMBER_LIST, WHOLE, POSITIVE, DAYS, ROUNDING, NON_NEGATIVE
    }

    /** One monitoring visit: a course day (day 0 = first injection) and the labs drawn. */
    public record VisitDefinition(String id, String label, int day, List<LabKind> labs, String source,
            boolean assumption) {

        public VisitDefinition {
            labs = List.copyOf(labs);
        }
    }

    public DosingDefinition {
        parameters = Map.copyOf(parameters);
        visits = List.copyOf(visits);
    }

    private static Map<String, Kind> requiredParameters() {
        Map<String, Kind> m = new LinkedHashMap<>();
        m.put("doseLevels", Kind.NUMBER_LIST);
        m.put("doses", Kind.WHOLE);
        m.put("maxDosesPerIsoWeek", Kind.WHOLE);
        m.put("lastCourseDay", Kind.WHOLE);
        m.put("clinicDays", Kind.DAYS);
        m.put("minDaysBetweenDoses", Kind.WHOLE);
        m.put("doseRoundingIncrement", Kind.POSITIVE);
        m.put("doseRoundingMode", Kind.ROUNDING);
        m.put("minWeightKg", Kind.POSITIVE);
        m.put("maxWeightKg", Kind.POSITIVE);
        m.put("maxWeightAgeDays", Kind.WHOLE);
        m.put("volumeRoundingMode", Kind.ROUNDING);
        m.put("defaultSyringeGraduation", Kind.POSITIVE);
        m.put("maxVolumeRoundingDeviation", Kind.NON_NEGATIVE);
        return m;
    }

    // ------------------------------------------------------------------------------------- typed access

    public Parameter parameter(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalStateException("the dosing section has no parameter '" + name + "'");
        }
        return p;
    }

    public BigDecimal number(String name) {
        Parameter p = parameter(name);
        if (!p.isNumber()) {
            throw new IllegalStateException("dosing parameter " + name + " is not a number");
        }
        return p.number();
    }

    public int whole(String name) {
        return number(name).intValueExact();
    }

    public List<BigDecimal> doseLevelsUgPerKg() {
        return parameter("doseLevels").codes().stream().map(BigDecimal::new).toList();
    }

    public Set<DayOfWeek> defaultClinicDays() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        parameter("clinicDays").codes().forEach(c -> days.add(DayOfWeek.valueOf(c.toUpperCase(Locale.ROOT))));
        return days;
    }

    public RoundingMode roundingMode(String name) {
        return RoundingMode.valueOf(parameter(name).codes().get(0).toUpperCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------------------------------ parsing

    /** Parses a raw {@code dosing:} section; every problem goes to {@code problems}; null when any. */
    static DosingDefinition parse(String file, Object raw, List<RuleProblem> problems) {
        if (!(raw instanceof Map<?, ?> section)) {
            problems.add(RuleProblem.error(file, 0, "dosing must be a mapping"));
            return null;
        }
        int before = problems.size();
        String title = text(section, "title", file, problems);
        String source = text(section, "source", file, problems);
        String route = text(section, "route", file, problems);
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        if (section.get("parameters") instanceof Map<?, ?> params) {
            params.forEach((name, value) -> {
                Parameter p = parameter(file, String.valueOf(name), value, problems);
                if (p != null) {
                    parameters.put(String.valueOf(name), p);
                }
            });
        } else {
            problems.add(RuleProblem.error(file, 0, "dosing.parameters must be a mapping"));
        }
        REQUIRED.forEach((name, kind) -> check(file, name, kind, parameters.get(name), problems));
        if (parameters.containsKey("minWeightKg") && parameters.containsKey("maxWeightKg")
                && parameters.get("minWeightKg").isNumber() && parameters.get("maxWeightKg").isNumber()
                && parameters.get("minWeightKg").number().compareTo(parameters.get("maxWeightKg").number()) >= 0) {
            problems.add(RuleProblem.error(file, 0, "dosing.parameters.minWeightKg must be below maxWeightKg"));
        }
        List<VisitDefinition> visits = new ArrayList<>();
        if (section.get("visits") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                VisitDefinition v = visit(file, "dosing.visits[" + i + "]", list.get(i), problems);
                if (v != null) {
                    visits.add(v);
                }
            }
            if (visits.stream().map(VisitDefinition::id).distinct().count() != visits.size()) {
                problems.add(RuleProblem.error(file, 0, "dosing.visits ids must be unique"));
            }
        } else if (section.get("visits") != null) {
            problems.add(RuleProblem.error(file, 0, "dosing.visits must be a list"));
        }
        String visitsNote = section.get("visitsNote") == null ? null : text(section, "visitsNote", file, problems);
        String assumptionsNote = section.get("assumptionsNote") == null ? null
                : text(section, "assumptionsNote", file, problems);
        return problems.size() > before ? null
                : new DosingDefinition(title, source, route, parameters, visits, visitsNote, assumptionsNote);
    }

    private static Parameter parameter(String file, String name, Object value, List<RuleProblem> problems) {
        String at = "dosing.parameters." + name;
        if (!(value instanceof Map<?, ?> p)) {
            problems.add(RuleProblem.error(file, 0, at + " must be a mapping with value, unit, source, assumption"));
            return null;
        }
        Object source = p.get("source");
        if (source == null || String.valueOf(source).isBlank()) {
            problems.add(RuleProblem.error(file, 0, at + ".source is required"));
            return null;
        }
        if (!(p.get("assumption") instanceof Boolean assumption)) {
            problems.add(RuleProblem.error(file, 0, at + ".assumption must be true or false (say whether the"
                    + " protocol's own paper confirms this value)"));
            return null;
        }
        Object raw = p.get("value");
        BigDecimal number = null;
        List<String> codes = null;
        if (SafeYaml.number(raw) != null) { // the one number rule of rules files
            number = SafeYaml.number(raw);
        } else if (raw instanceof List<?> list && !list.isEmpty()) {
            codes = list.stream().map(o -> String.valueOf(o).trim()).toList();
        } else if (raw instanceof String s && !s.isBlank()) {
            codes = List.of(s.trim());
        } else {
            problems.add(RuleProblem.error(file, 0, at + ".value must be a number, a word or a non-empty list"));
            return null;
        }
        return new Parameter(name, number, codes, p.get("unit") == null ? null : String.valueOf(p.get("unit")),
                String.valueOf(source).trim(), assumption);
    }

    private static void check(String file, String name, Kind kind, Parameter p, List<RuleProblem> problems) {
        String at = "dosing.parameters." + name;
        if (p == null) {
            problems.add(RuleProblem.error(file, 0, at + " is required"));
            return;
        }
        String wrong = switch (kind) {
            case NUMBER_LIST -> p.codes() != null && p.codes().stream().allMatch(c -> c.matches("[0-9]+(\\.[0-9]+)?")
                    && new BigDecimal(c).signum() > 0) ? null : "must be a list of positive numbers";
            case WHOLE -> p.isNumber() && p.number().signum() >= 0 && p.number().stripTrailingZeros().scale() <= 0
                    ? null : "must be a whole number ≥ 0";
            case POSITIVE -> p.isNumber() && p.number().signum() > 0 ? null : "must be a positive number";
            case NON_NEGATIVE -> p.isNumber() && p.number().signum() >= 0 ? null : "must be a number ≥ 0";
            case DAYS -> p.codes() != null && p.codes().stream().allMatch(DosingDefinition::isDay)
                    ? null : "must be a list of days (MONDAY..SUNDAY)";
            case ROUNDING -> p.codes() != null && p.codes().size() == 1 && isRounding(p.codes().get(0))
                    ? null : "must be one of HALF_UP, HALF_EVEN, HALF_DOWN, UP, DOWN, CEILING, FLOOR";
        };
        if (wrong != null) {
            problems.add(RuleProblem.error(file, 0, at + " " + wrong));
        } else if (kind == Kind.WHOLE && List.of("doses", "maxDosesPerIsoWeek").contains(name)
                && p.number().signum() == 0) {
            problems.add(RuleProblem.error(file, 0, at + " must be at least 1"));
        }
    }

    private static boolean isDay(String s) {
        try {
            DayOfWeek.valueOf(s.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isRounding(String s) {
        try {
            return RoundingMode.valueOf(s.toUpperCase(Locale.ROOT)) != RoundingMode.UNNECESSARY;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static VisitDefinition visit(String file, String at, Object raw, List<RuleProblem> problems) {
        if (!(raw instanceof Map<?, ?> v)) {
            problems.add(RuleProblem.error(file, 0, at + " must be a mapping"));
            return null;
        }
        int before = problems.size();
        String id = text(v, "id", file, problems, at);
        String label = text(v, "label", file, problems, at);
        String source = text(v, "source", file, problems, at);
        Integer day = v.get("day") instanceof Integer d && d >= 0 ? d : null;
        if (day == null) {
            problems.add(RuleProblem.error(file, 0, at + ".day must be a whole number of days ≥ 0"));
        }
        if (!(v.get("assumption") instanceof Boolean)) {
            problems.add(RuleProblem.error(file, 0, at + ".assumption must be true or false"));
        }
        List<LabKind> labs = new ArrayList<>();
        if (v.get("labs") instanceof List<?> list) {
            for (Object o : list) {
                try {
                    labs.add(LabKind.valueOf(String.valueOf(o).trim()));
                } catch (IllegalArgumentException e) {
                    problems.add(RuleProblem.error(file, 0, at + ".labs: '" + o + "' is not one of "
                            + java.util.Arrays.toString(LabKind.values())));
                }
            }
        } else {
            problems.add(RuleProblem.error(file, 0, at + ".labs must be a list of lab kinds"));
        }
        return problems.size() > before ? null
                : new VisitDefinition(id, label, day, labs, source, (Boolean) v.get("assumption"));
    }

    private static String text(Map<?, ?> map, String key, String file, List<RuleProblem> problems) {
        return text(map, key, file, problems, "dosing");
    }

    private static String text(Map<?, ?> map, String key, String file, List<RuleProblem> problems, String at) {
        Object v = map.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            problems.add(RuleProblem.error(file, 0, at + "." + key + " is required"));
            return null;
        }
        return String.valueOf(v).trim();
    }
}
