package org.il7cds.api.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * The body weight a dose needs, read from FHIR Observations (docs/fhir.md, "Body weight"): LOINC 29463-7, status
 * final/amended/corrected, a valueQuantity in UCUM {@code kg}, {@code g} or {@code [lb_av]}, converted to kilograms
 * exactly (no rounding: 1 [lb_av] is defined as 0.45359237 kg). The most recent weight on or before the as-of date is
 * used; two weights on that day that disagree are a conflict, never averaged or picked; none is "missing", never
 * guessed. Whether the weight is recent enough for a dose is the protocol's dosing rules' decision
 * ({@code maxWeightAgeDays}), as for labs the criteria decide recency, not the mapping.
 *
 * <p>LOINC 29463-7 is marked unverified [U] in the clinical reference (§3.1, general LOINC knowledge); 3141-9
 * (body weight, measured) is not listed there and is not read.
 */
public final class FhirBodyWeight {

    /** LOINC "Body weight" [U: clinical reference §3.1, not verified against LOINC]. */
    public static final String BODY_WEIGHT = "29463-7";
    /** The international avoirdupois pound, exactly, by definition (1959): UCUM {@code [lb_av]}. */
    static final BigDecimal KG_PER_LB_AV = new BigDecimal("0.45359237");

    /** What to send to settle a missing weight, for messages and cards. */
    public static final String HOW_TO_STATE = "an Observation LOINC " + BODY_WEIGHT + " (body weight), status final,"
            + " with valueQuantity in kg, g or [lb_av] and an effective date";

    /** A weight read from an Observation, in kilograms. */
    public record Weight(BigDecimal weightKg, LocalDate measuredOn, String observation) {
    }

    /**
     * The outcome: a weight, or (never both) why there is none usable: {@code missing} says what to send or confirm
     * and names resources and dates, never a value.
     */
    public record Reading(Weight weight, String missing) {

        public boolean found() {
            return weight != null;
        }
    }

    private FhirBodyWeight() {
    }

    /** The latest body weight on or before {@code asOf} among a Bundle's resources. */
    public static Reading latest(Bundle bundle, LocalDate asOf) {
        List<Resource> resources = new ArrayList<>();
        bundle.getEntry().forEach(e -> {
            if (e.getResource() != null) {
                resources.add(e.getResource());
            }
        });
        return latest(resources, asOf);
    }

    /**
     * The latest body weight on or before {@code asOf}.
     *
     * @throws FhirInputException for a body-weight Observation without an effective date or a valueQuantity, or with a
     *     comparator or a unit other than kg, g, [lb_av] (as for labs: a 400 naming the resource, not a guess)
     */
    public static Reading latest(Collection<? extends Resource> resources, LocalDate asOf) {
        List<Weight> weights = new ArrayList<>();
        int afterAsOf = 0;
        for (Resource r : resources) {
            if (!(r instanceof Observation o) || !isBodyWeight(o)) {
                continue;
            }
            Weight w = read(o);
            if (w.measuredOn().isAfter(asOf)) {
                afterAsOf++;
            } else {
                weights.add(w);
            }
        }
        if (weights.isEmpty()) {
            return new Reading(null, "no body weight on or before " + asOf + (afterAsOf == 0 ? "" : " (" + afterAsOf
                    + " measured after it, not used)") + ": send " + HOW_TO_STATE + " on or before " + asOf);
        }
        LocalDate last = weights.stream().map(Weight::measuredOn).max(Comparator.naturalOrder()).orElseThrow();
        List<Weight> onLast = weights.stream().filter(w -> w.measuredOn().equals(last)).toList();
        Map<BigDecimal, List<Weight>> distinct = onLast.stream().collect(Collectors.groupingBy(
                w -> w.weightKg().stripTrailingZeros()));
        if (distinct.size() > 1) {
            return new Reading(null, "the body weights of " + last + " disagree ("
                    + onLast.stream().map(Weight::observation).collect(Collectors.joining(", "))
                    + "): confirm the weight, or mark the wrong Observation entered-in-error");
        }
        return new Reading(onLast.get(0), null);
    }

    static boolean isBodyWeight(Observation o) {
        boolean result = o.getStatus() == Observation.ObservationStatus.FINAL
                || o.getStatus() == Observation.ObservationStatus.AMENDED
                || o.getStatus() == Observation.ObservationStatus.CORRECTED;
        return result && o.getCode().getCoding().stream().anyMatch(c -> FhirCandidateMapper.LOINC.equals(c.getSystem())
                && BODY_WEIGHT.equals(c.getCode()));
    }

    private static Weight read(Observation o) {
        String at = "Observation/" + o.getIdElement().getIdPart();
        LocalDate on = FhirCandidateMapper.effective(o, at);
        if (!(o.getValue() instanceof Quantity q) || q.getValue() == null) {
            throw new FhirInputException(at + ": a body weight needs a valueQuantity with a value");
        }
        if (q.getComparator() != null) {
            throw new FhirInputException(at + ": a body weight with a comparator (" + q.getComparator().toCode()
                    + ") is not a measurement");
        }
        String unit = q.getCode() != null ? q.getCode() : q.getUnit() != null ? q.getUnit() : null;
        if (q.getValue().signum() <= 0) {
            throw new FhirInputException(at + ": a body weight must be greater than zero");
        }
        BigDecimal kg = switch (unit == null ? "" : unit) {
            case "kg" -> q.getValue();
            case "g" -> q.getValue().movePointLeft(3);
            case "[lb_av]" -> q.getValue().multiply(KG_PER_LB_AV);
            default -> throw new FhirInputException(at + ": a body weight's unit must be UCUM kg, g or [lb_av]"
                    + (unit == null ? " (none given)" : ", not '" + abbreviate(unit) + "'"));
        };
        return new Weight(kg, on, at);
    }

    private static String abbreviate(String unit) {
        return unit.length() <= 20 ? unit : unit.substring(0, 20) + "…";
    }
}
