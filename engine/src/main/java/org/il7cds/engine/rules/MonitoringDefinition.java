package org.il7cds.engine.rules;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protocol's on-treatment viral monitoring, as its {@code monitoring:} section declares it: a title, a source and
 * the parameters its monitoring rules read (thresholds in copies/mL, repeat windows in days), each with its unit,
 * source and assumption flag, like a criterion's. Parsed and checked when the rules load.
 */
public record MonitoringDefinition(String title, String source, Map<String, Parameter> parameters) {

    public MonitoringDefinition {
        parameters = Map.copyOf(parameters);
    }

    /** A parameter the section declares; a rule asking for another one fails loudly (never a silent default). */
    public Parameter parameter(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalStateException("the monitoring section has no parameter '" + name + "'");
        }
        return p;
    }

    public BigDecimal number(String name) {
        Parameter p = parameter(name);
        if (!p.isNumber()) {
            throw new IllegalStateException("monitoring parameter " + name + " is not a number");
        }
        return p.number();
    }

    static MonitoringDefinition parse(String file, Object raw, List<RuleProblem> problems) {
        if (!(raw instanceof Map<?, ?> section)) {
            problems.add(RuleProblem.error(file, 0, "monitoring must be a mapping"));
            return null;
        }
        int before = problems.size();
        String title = section.get("title") == null ? null : String.valueOf(section.get("title")).trim();
        String source = section.get("source") == null ? null : String.valueOf(section.get("source")).trim();
        if (title == null || title.isEmpty()) {
            problems.add(RuleProblem.error(file, 0, "monitoring.title is required"));
        }
        if (source == null || source.isEmpty()) {
            problems.add(RuleProblem.error(file, 0, "monitoring.source is required"));
        }
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        if (section.get("parameters") instanceof Map<?, ?> params) {
            params.forEach((name, value) -> {
                Parameter p = ProtocolFileParser.parameter(file, "monitoring.parameters." + name, String.valueOf(name),
                        value, problems);
                if (p != null) {
                    if (p.isNumber() && (p.unit() == null || p.unit().isBlank())) {
                        problems.add(RuleProblem.error(file, 0, "monitoring.parameters." + name
                                + " is a threshold without a unit"));
                    }
                    parameters.put(String.valueOf(name), p);
                }
            });
        } else {
            problems.add(RuleProblem.error(file, 0, "monitoring.parameters must be a mapping"));
        }
        return problems.size() > before ? null : new MonitoringDefinition(title, source, parameters);
    }
}
