package org.il7cds.engine.eligibility;

import java.math.BigDecimal;
import java.util.List;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.Parameter;

/**
 * The fact a rule matches to read a criterion's parameters from the protocol file, so that thresholds
 * live in {@code protocol.yaml} and not in DRL: {@code Criterion(id == "cd4-count", $min : num("min"))}.
 * Asking for a parameter the protocol file does not declare fails the assessment loudly.
 */
public final class Criterion {

    private final CriterionDefinition definition;

    Criterion(CriterionDefinition definition) {
        this.definition = definition;
    }

    public String getId() {
        return definition.id();
    }

    /** The lab this criterion reads, or null. */
    public LabKind getLab() {
        return definition.lab();
    }

    /** A numeric parameter. */
    public BigDecimal num(String name) {
        Parameter p = parameter(name);
        if (!p.isNumber()) {
            throw new IllegalStateException("parameter " + name + " of criterion " + getId() + " is not a number");
        }
        return p.number();
    }

    /** A numeric parameter as a whole number of days, months or years. */
    public int whole(String name) {
        return num(name).intValueExact();
    }

    /** A list parameter (codes, lower-case). */
    public List<String> list(String name) {
        Parameter p = parameter(name);
        if (p.isNumber()) {
            throw new IllegalStateException("parameter " + name + " of criterion " + getId() + " is not a list");
        }
        return p.codes();
    }

    private Parameter parameter(String name) {
        Parameter p = definition.parameters().get(name);
        if (p == null) {
            throw new IllegalStateException("criterion " + getId() + " has no parameter '" + name
                    + "' in its protocol file");
        }
        return p;
    }

    CriterionDefinition definition() {
        return definition;
    }

    @Override
    public String toString() {
        return "Criterion[" + getId() + "]";
    }
}
