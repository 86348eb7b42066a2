package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;
import org.il7cds.engine.rules.DosingDefinition;
import org.il7cds.engine.rules.Parameter;

/**
 * The fact through which dosing rules read the protocol's {@code dosing:} parameters, so values live in
 * {@code protocol.yaml} and not in DRL: {@code DosingProtocol($min : num("minWeightKg"))}. Every dosing rule
 * matches it first; the eligibility engine never inserts it, so dosing rules never fire there.
 */
public final class DosingProtocol {

    private final String id;
    private final DosingDefinition definition;

    DosingProtocol(String id, DosingDefinition definition) {
        this.id = id;
        this.definition = definition;
    }

    public String getId() {
        return id;
    }

    /** A numeric parameter; an undeclared one fails the request loudly. */
    public BigDecimal num(String name) {
        return definition.number(name);
    }

    public int whole(String name) {
        return definition.whole(name);
    }

    /** "5 %", "30 kg": a parameter as the protocol file states it. */
    public String display(String name) {
        return definition.parameter(name).display();
    }

    /** The source a parameter cites, with "(assumption)" when the protocol paper does not confirm it. */
    public String sourceOf(String name) {
        Parameter p = definition.parameter(name);
        return p.source() + (p.assumption() ? " (assumption)" : "");
    }

    public List<BigDecimal> getDoseLevels() {
        return definition.doseLevelsUgPerKg();
    }

    /** "3, 10 µg/kg". */
    public String getDoseLevelsText() {
        return getDoseLevels().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", ")) + " µg/kg";
    }

    /** Weight × level, rounded to the protocol's increment with its rounding mode. */
    public BigDecimal roundDose(BigDecimal weightKg, BigDecimal levelUgPerKg) {
        BigDecimal exact = weightKg.multiply(levelUgPerKg);
        BigDecimal increment = num("doseRoundingIncrement");
        RoundingMode mode = definition.roundingMode("doseRoundingMode");
        return exact.divide(increment, 0, mode).multiply(increment).stripTrailingZeros().setScale(
                Math.max(0, increment.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    /** "weight × dose level, rounded half-up to the nearest 1 µg (assumption: no published rule)". */
    public String getDoseRoundingText() {
        Parameter inc = definition.parameter("doseRoundingIncrement");
        boolean assumed = inc.assumption() || definition.parameter("doseRoundingMode").assumption();
        return "weight × dose level, rounded " + modeText(definition.roundingMode("doseRoundingMode"))
                + " to the nearest " + inc.number().toPlainString() + " µg"
                + (assumed ? " (assumption: no published rounding rule for this protocol)" : "");
    }

    /** The volume to draw for a dose, rounded to the syringe graduation with the protocol's volume rounding. */
    public DoseVolume volume(BigDecimal doseUg, BigDecimal concentrationUgPerMl, BigDecimal graduationMl) {
        return DoseVolume.of(doseUg, concentrationUgPerMl, graduationMl, definition.roundingMode("volumeRoundingMode"));
    }

    static String modeText(RoundingMode mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    DosingDefinition definition() {
        return definition;
    }
}
