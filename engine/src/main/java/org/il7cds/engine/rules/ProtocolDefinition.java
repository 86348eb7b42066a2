package org.il7cds.engine.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A protocol as its {@code protocol.yaml} declares it: identity, citation, the criteria in the order a
 * verdict lists them, and the raw sections other features read (for example {@code dosing}).
 *
 * @param folder the bundle folder holding the protocol's files ("protocols/levy-2009/")
 * @param dosingSchedule the {@code dosing:} section, parsed once with the file; null when the protocol has none
 */
public record ProtocolDefinition(String id, String title, String citation, String folder,
        List<CriterionDefinition> criteria, Map<String, Object> sections, DosingDefinition dosingSchedule) {

    public ProtocolDefinition {
        criteria = List.copyOf(criteria);
        sections = Map.copyOf(sections);
    }

    public Optional<CriterionDefinition> criterion(String id) {
        return criteria.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The protocol's dose schedule ({@code dosing:} section, parsed with the file), empty when it defines none. */
    public Optional<DosingDefinition> dosing() {
        return Optional.ofNullable(dosingSchedule);
    }

    /**
     * The protocol's on-treatment viral monitoring ({@code monitoring:} section), empty when it defines none.
     *
     * @throws IllegalStateException when the section is malformed (the loader rejects such files first)
     */
    public Optional<MonitoringDefinition> monitoring() {
        if (!sections.containsKey("monitoring")) {
            return Optional.empty();
        }
        List<RuleProblem> problems = new java.util.ArrayList<>();
        MonitoringDefinition parsed = MonitoringDefinition.parse(folder + "protocol.yaml", sections.get("monitoring"),
                problems);
        if (parsed == null) {
            throw new IllegalStateException("the monitoring section of protocol " + id + " is invalid: " + problems);
        }
        return Optional.of(parsed);
    }

    /** A top-level section of the protocol file other than the criteria, as parsed YAML. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> section(String name) {
        Object value = sections.get(name);
        return value instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }
}
