package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.FieldProblem;
import org.kie.api.definition.rule.Rule;

/**
 * The DRL global ({@code decisions}) through which dosing rules record what they decided: input problems,
 * the eligibility gate, the dose, the volume and notes. Each record keeps the rule's name and its
 * {@code @source}, so the calendar can say which rule and clause produced each value.
 */
public final class DosingDecisions {

    private String refusal;

    /** How the eligibility gate was decided. */
    enum Gate {
        ELIGIBLE, OVERRIDDEN, REFUSED
    }

    /** One rule's decision, for the explanation. */
    record Trace(String rule, String source, String text) {
        @Override
        public String toString() {
            return text + " [rule '" + rule + "'" + (source == null ? "" : "; source: " + source) + "]";
        }
    }

    private final List<FieldProblem> problems = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();
    private final List<BigDecimal> doses = new ArrayList<>();
    private final List<DoseVolume> volumes = new ArrayList<>();
    private final List<Trace> traces = new ArrayList<>();
    private final List<Trace> notes = new ArrayList<>();

    /** The request cannot be planned: {@code field} is wrong for this protocol. Never echo the value. */
    public void invalid(Rule rule, String field, String message) {
        problems.add(new FieldProblem(field, message + " [rule '" + rule.getName() + "']"));
    }

    /** Why the gate refused the calendar (the refusing rule's text), or null. */
    String refusal() {
        return refusal;
    }

    public void eligible(Rule rule, String text) {
        gates.add(Gate.ELIGIBLE);
        traces.add(trace(rule, text));
    }

    public void overridden(Rule rule, String text) {
        gates.add(Gate.OVERRIDDEN);
        traces.add(trace(rule, text));
    }

    public void refused(Rule rule, String text) {
        gates.add(Gate.REFUSED);
        refusal = text;
        traces.add(trace(rule, text));
    }

    public void dose(Rule rule, BigDecimal doseUg, String text) {
        doses.add(doseUg);
        traces.add(trace(rule, text));
    }

    public void volume(Rule rule, DoseVolume volume) {
        volumes.add(volume);
        traces.add(trace(rule, "volume " + volume.describe()));
    }

    public void note(Rule rule, String text) {
        notes.add(trace(rule, text));
    }

    private static Trace trace(Rule rule, String text) {
        Object source = rule.getMetaData().get("source");
        String s = source == null ? null : String.valueOf(source);
        if (s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return new Trace(rule.getName(), s, text);
    }

    List<FieldProblem> problems() {
        return problems;
    }

    List<Gate> gates() {
        return gates;
    }

    List<BigDecimal> doses() {
        return doses;
    }

    List<DoseVolume> volumes() {
        return volumes;
    }

    List<Trace> traces() {
        return traces;
    }

    List<Trace> notes() {
        return notes;
    }
}
