package org.il7cds.api.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.il7cds.engine.dosing.DoseUnit;
import org.il7cds.engine.dosing.DraftOrder;
import org.il7cds.engine.dosing.OrderReview;

/**
 * A draft rhIL-7 MedicationRequest (HAPI R4) to the engine's {@link DraftOrder}, and the engine's corrected order back
 * to a MedicationRequest that replaces the draft (docs/fhir.md, "CDS Hooks: the dose of a draft rhIL-7 order"). Read
 * from the one {@code dosageInstruction}: the {@code doseQuantity} of its {@code ordered} {@code doseAndRate} (UCUM ug,
 * mg or ug/kg), {@code route} (SNOMED CT route codes, or the text SC / IM / IV), {@code timing.repeat} (frequency,
 * period, periodUnit, count, boundsPeriod.start) and {@code timing.event}. Nothing absent is filled in: the engine
 * reports it; what is there but ambiguous or unreadable is refused, never half-read.
 */
public final class DraftOrderMapper {

    static final String UCUM = "http://unitsofmeasure.org";
    static final String SNOMED = ConditionCodes.SNOMED;
    /** FHIR's DoseAndRateType: {@code ordered} (what the prescriber asked for) or {@code calculated} (derived). */
    static final String DOSE_RATE_TYPE = "http://terminology.hl7.org/CodeSystem/dose-rate-type";
    /** SNOMED CT route of administration concepts (FHIR R4 example value set "SNOMED CT Route Codes"). */
    static final Map<String, String> ROUTES = Map.of("34206005", "SC", "78421000", "IM", "47625008", "IV");
    private static final Map<String, String> ROUTE_DISPLAY = Map.of("SC", "Subcutaneous route", "IM",
            "Intramuscular route", "IV", "Intravenous route");
    private static final Map<String, String> ROUTE_WORDS = Map.of("sc", "SC", "subcutaneous", "SC",
            "subcutaneous route", "SC", "im", "IM", "intramuscular", "IM", "iv", "IV", "intravenous", "IV");

    private DraftOrderMapper() {
    }

    /**
     * @throws FhirInputException for a dose unit other than ug, mg, ug/kg (named; never converted by guess), a dose
     *     with a comparator, more than one dosage instruction (a split order cannot be compared with one protocol
     *     schedule), no single ordered dose among several ({@link #orderedDose}), or a dose date that is not a full day
     */
    public static DraftOrder toDraft(MedicationRequest mr) {
        String at = "MedicationRequest/" + mr.getIdElement().getIdPart();
        if (mr.getDosageInstruction().size() > 1) {
            throw new FhirInputException(at + ": one dosageInstruction is expected for an rhIL-7 course, not "
                    + mr.getDosageInstruction().size());
        }
        Dosage d = mr.getDosageInstruction().isEmpty() ? new Dosage() : mr.getDosageInstruction().get(0);
        at += ": dosageInstruction[0]";
        BigDecimal dose = null;
        DoseUnit unit = null;
        Dosage.DosageDoseAndRateComponent ordered = orderedDose(d, at);
        if (ordered != null && ordered.hasDoseRange()) {
            // Which figure of "500 to 700 ug" would be given? Checking either confirms a dose nobody fixed.
            throw new FhirInputException(at + ".doseAndRate[" + d.getDoseAndRate().indexOf(ordered) + "].doseRange:"
                    + " a dose range is not one dose; the check needs the dose ordered, as doseQuantity");
        }
        Quantity q = ordered == null || !ordered.hasDoseQuantity() ? null : ordered.getDoseQuantity();
        if (q != null && q.getValue() != null) {
            String dq = at + ".doseAndRate[" + d.getDoseAndRate().indexOf(ordered) + "].doseQuantity";
            if (q.getComparator() != null) {
                throw new FhirInputException(dq + ": a dose with a comparator (" + q.getComparator().toCode()
                        + ") is not one dose");
            }
            dose = q.getValue();
            String code = q.getCode() != null ? q.getCode() : q.getUnit() != null ? q.getUnit() : "";
            unit = switch (code) {
                case "ug", "µg", "mcg" -> DoseUnit.UG;
                case "mg" -> DoseUnit.MG;
                case "ug/kg", "µg/kg", "mcg/kg" -> DoseUnit.UG_PER_KG;
                default -> throw new FhirInputException(dq + ": the dose unit must be UCUM ug, mg or ug/kg"
                        + (code.isEmpty() ? " (none given)" : ", not '" + shorten(code) + "'"));
            };
        }
        String route = route(d.getRoute());
        Timing.TimingRepeatComponent r = d.getTiming().getRepeat();
        refuseUnchecked(d, r, at);
        List<LocalDate> events = new ArrayList<>();
        for (int i = 0; i < d.getTiming().getEvent().size(); i++) {
            events.add(day(d.getTiming().getEvent().get(i), at + ".timing.event[" + i + "]"));
        }
        LocalDate first = r.hasBoundsPeriod() && r.getBoundsPeriod().hasStart()
                ? day(r.getBoundsPeriod().getStartElement(), at + ".timing.repeat.boundsPeriod.start") : null;
        return new DraftOrder(dose, unit, route, r.hasFrequency() ? r.getFrequency() : null,
                r.hasPeriod() ? r.getPeriod() : null, r.hasPeriodUnit() ? r.getPeriodUnit().toCode() : null,
                r.hasCount() ? r.getCount() : null, events, first);
    }

    /**
     * Refuses what an order may say that the check does not read: "3 to 5 a week" (frequencyMax), a range of periods
     * or counts, bounds as a duration or range, a coded timing (BID, ...), as-needed dosing, a maximum per period.
     * Read as its first figure, such an order could get a "matches" card for a schedule nobody checked.
     */
    private static void refuseUnchecked(Dosage d, Timing.TimingRepeatComponent r, String at) {
        List<String> unchecked = new ArrayList<>();
        if (r.hasFrequencyMax()) {
            unchecked.add("timing.repeat.frequencyMax");
        }
        if (r.hasPeriodMax()) {
            unchecked.add("timing.repeat.periodMax");
        }
        if (r.hasCountMax()) {
            unchecked.add("timing.repeat.countMax");
        }
        if (r.hasBoundsDuration() || r.hasBoundsRange()) {
            unchecked.add("timing.repeat.bounds (only boundsPeriod is read)");
        }
        if (d.getTiming().hasCode()) {
            unchecked.add("timing.code");
        }
        if (d.hasAsNeeded()) {
            unchecked.add("asNeeded");
        }
        if (d.hasMaxDosePerPeriod()) {
            unchecked.add("maxDosePerPeriod");
        }
        if (!unchecked.isEmpty()) {
            throw new FhirInputException(at + ": " + String.join(", ", unchecked) + " cannot be checked against the"
                    + " protocol; send the course as one dose, frequency, period, count and start");
        }
    }

    /**
     * The dose the prescriber ordered: the one {@code doseAndRate} of type {@code ordered}, or the only one when it
     * has no type; null when there is none. An EHR may send its {@code calculated} dose beside the ordered one, and
     * checking that instead would confirm a dose nobody ordered (a "matches" card on an overdose), so several
     * without exactly one ordered, or one of another type, are refused rather than chosen by position.
     */
    private static Dosage.DosageDoseAndRateComponent orderedDose(Dosage d, String at) {
        List<Dosage.DosageDoseAndRateComponent> all = d.getDoseAndRate();
        List<Dosage.DosageDoseAndRateComponent> ordered = all.stream().filter(x -> x.getType().getCoding().stream()
                .anyMatch(c -> DOSE_RATE_TYPE.equals(c.getSystem()) && "ordered".equals(c.getCode()))).toList();
        if (ordered.size() == 1) {
            return ordered.get(0);
        }
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1 && !all.get(0).hasType()) {
            return all.get(0);
        }
        if (all.size() == 1) {
            throw new FhirInputException(at + ".doseAndRate[0] is not of type 'ordered' (" + DOSE_RATE_TYPE
                    + "): the ordered dose is not stated");
        }
        throw new FhirInputException(at + ".doseAndRate has " + all.size() + " entries and " + (ordered.isEmpty()
                ? "none" : ordered.size()) + " of type 'ordered' (" + DOSE_RATE_TYPE + "): one must be the ordered"
                + " dose");
    }

    /**
     * The calendar day of a dose date as written (HAPI's year, month and day in the element's own offset, never
     * shifted to the server's zone). A year or a month names no dose day, and reading it as the first of the month
     * would check a schedule nobody wrote.
     */
    private static LocalDate day(DateTimeType dt, String at) {
        if (dt.getValue() == null) {
            throw new FhirInputException(at + ": a date (YYYY-MM-DD) is required");
        }
        if (dt.getPrecision().compareTo(TemporalPrecisionEnum.DAY) < 0) {
            throw new FhirInputException(at + " is a partial date (" + dt.getPrecision().name().toLowerCase(Locale.ROOT)
                    + " only): a dose date must be a full day, YYYY-MM-DD");
        }
        return LocalDate.of(dt.getYear(), dt.getMonth() + 1, dt.getDay());
    }

    /** SC, IM or IV from a SNOMED CT coding or the text; else the text or code as given; null when absent. */
    private static String route(CodeableConcept route) {
        for (Coding c : route.getCoding()) {
            if (SNOMED.equals(c.getSystem()) && c.hasCode() && ROUTES.containsKey(c.getCode())) {
                return ROUTES.get(c.getCode());
            }
        }
        if (route.hasText()) {
            return ROUTE_WORDS.getOrDefault(route.getText().strip().toLowerCase(Locale.ROOT), route.getText());
        }
        return route.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst().orElse(null);
    }

    /**
     * The draft with its dosage replaced by the protocol's (same id, status, intent, subject and medication, so the
     * EHR's {@code update} replaces the draft): dose in µg (UCUM ug), route SC as SNOMED CT, timing with both the
     * repeat (count, frequency per period, start) and the dose dates as events (clinical reference §4.3), and a text
     * that states the level, the weight and the declared rounding.
     */
    public static MedicationRequest corrected(MedicationRequest draft, OrderReview review) {
        OrderReview.CorrectedOrder c = review.corrected();
        MedicationRequest mr = draft.copy();
        mr.getDosageInstruction().clear();
        Dosage d = mr.addDosageInstruction();
        d.setSequence(1);
        d.setText(plain(c.doseUg()) + " µg " + c.route() + " per injection = " + plain(c.doseLevelUgPerKg())
                + " µg/kg × " + plain(review.weightKg()) + " kg (weighed " + review.weightMeasuredOn() + "; "
                + review.doseRounding() + "), " + c.numberOfDoses() + " injection" + (c.numberOfDoses() == 1 ? "" : "s")
                + " on " + c.doseDates().stream().map(LocalDate::toString).collect(Collectors.joining(", "))
                + " (" + review.protocolId() + ", rules " + review.rulesVersion() + ")");
        String routeCode = ROUTES.entrySet().stream().filter(e -> e.getValue().equals(c.route())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        CodeableConcept route = new CodeableConcept().setText(c.route());
        if (routeCode != null) {
            route.addCoding(new Coding(SNOMED, routeCode, ROUTE_DISPLAY.get(c.route())));
        }
        d.setRoute(route);
        d.addDoseAndRate().setDose(new org.hl7.fhir.r4.model.SimpleQuantity().setValue(c.doseUg()).setUnit("µg").setSystem(UCUM)
                .setCode("ug"));
        Timing timing = new Timing();
        c.doseDates().forEach(date -> timing.addEventElement().setValueAsString(date.toString()));
        timing.getRepeat().setCount(c.numberOfDoses()).setFrequency(c.frequency())
                .setPeriod(BigDecimal.valueOf(c.period()))
                .setPeriodUnit(Timing.UnitsOfTime.fromCode(c.periodUnit()))
                .setBounds(new Period().setStartElement(new DateTimeType(c.doseDates().get(0).toString())));
        d.setTiming(timing);
        return mr;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
