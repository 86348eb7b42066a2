package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.rules.DecidingRule;

/**
 * The DRL global ({@code decisions}) through which dosing rules record what they decided: input problems,
 * the eligibility gate, the dose, the volume and notes. Each record keeps the deciding rule's name and its
 * {@code @source} (from the session's {@link DecidingRule} listener: a rule does not name itself), so the calendar
 * can say which rule and clause produced each value.
 */
public final class DosingDecisions {

    private final DecidingRule rule;

    DosingDecisions(DecidingRule rule) {
        this.rule = rule;
    }

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

    /** A problem with the rule that found it and its source (the dose-order check reports both). */
    record ProblemTrace(String field, Trace trace) {
    }

    private final List<FieldProblem> problems = new ArrayList<>();
    private final List<ProblemTrace> problemTraces = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();
    private final List<BigDecimal> doses = new ArrayList<>();
    private final List<DoseVolume> volumes = new ArrayList<>();
    private final List<Trace> traces = new ArrayList<>();
    private final List<Trace> notes = new ArrayList<>();

    /** The request cannot be planned: {@code field} is wrong for this protocol. Never echo the value. */
    public void invalid(String field, String message) {
        problems.add(new FieldProblem(field, message + " [rule '" + rule.name() + "']"));
        problemTraces.add(new ProblemTrace(field, trace(message)));
    }

    /** Why the gate refused the calendar (the refusing rule's text), or null. */
    String refusal() {
        return refusal;
    }

    public void eligible(String text) {
        gates.add(Gate.ELIGIBLE);
        traces.add(trace(text));
    }

    public void overridden(String text) {
        gates.add(Gate.OVERRIDDEN);
        traces.add(trace(text));
    }

    public void refused(String text) {
        gates.add(Gate.REFUSED);
        refusal = text;
        traces.add(trace(text));
    }

    public void dose(BigDecimal doseUg, String text) {
        doses.add(doseUg);
        traces.add(trace(text));
    }

    public void volume(DoseVolume volume) {
        volumes.add(volume);
        traces.add(trace("volume " + volume.describe()));
    }

    public void note(String text) {
        notes.add(trace(text));
    }

    private Trace trace(String text) {
        return new Trace(rule.name(), rule.source(), text);
    }

    List<FieldProblem> problems() {
        return problems;
    }

    List<ProblemTrace> problemTraces() {
        return problemTraces;
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
