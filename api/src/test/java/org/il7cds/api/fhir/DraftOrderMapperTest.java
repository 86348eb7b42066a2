package org.il7cds.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.il7cds.engine.dosing.DoseUnit;
import org.il7cds.engine.dosing.DraftOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DraftOrderMapper#toDraft}: which dose is the ordered one, dose dates read as written, and drafts it refuses
 * (a {@link FhirInputException}, the CDS call's 400) rather than half-reads or fails on.
 */
class DraftOrderMapperTest {

    private static MedicationRequest draft() {
        MedicationRequest mr = new MedicationRequest();
        mr.setId("rx1");
        mr.addDosageInstruction();
        return mr;
    }

    private static void dose(MedicationRequest mr, String type, String ug) {
        Dosage.DosageDoseAndRateComponent d = mr.getDosageInstructionFirstRep().addDoseAndRate().setDose(
                new SimpleQuantity().setValue(new BigDecimal(ug)).setSystem(DraftOrderMapper.UCUM).setCode("ug"));
        if (type != null) {
            d.setType(new CodeableConcept(new Coding(DraftOrderMapper.DOSE_RATE_TYPE, type, null)));
        }
    }

    @Test
    void timingTheCheckDoesNotReadIsRefusedNotReadAsItsFirstFigure() {
        List<java.util.function.Consumer<MedicationRequest>> unchecked = List.of(
                mr -> mr.getDosageInstructionFirstRep().getTiming().getRepeat().setFrequency(3).setFrequencyMax(5),
                mr -> mr.getDosageInstructionFirstRep().getTiming().getRepeat().setCount(8).setCountMax(16),
                mr -> mr.getDosageInstructionFirstRep().getTiming().getRepeat().setPeriod(BigDecimal.ONE)
                        .setPeriodMax(BigDecimal.TEN),
                mr -> mr.getDosageInstructionFirstRep().getTiming().getRepeat().setBounds(
                        new org.hl7.fhir.r4.model.Duration().setValue(16).setCode("d")),
                mr -> mr.getDosageInstructionFirstRep().getTiming().setCode(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation", "TID", null))),
                mr -> mr.getDosageInstructionFirstRep().setAsNeeded(new org.hl7.fhir.r4.model.BooleanType(true)),
                mr -> mr.getDosageInstructionFirstRep().setMaxDosePerPeriod(new org.hl7.fhir.r4.model.Ratio().setNumerator(
                        new org.hl7.fhir.r4.model.Quantity().setValue(2000).setCode("ug"))));
        for (java.util.function.Consumer<MedicationRequest> change : unchecked) {
            MedicationRequest mr = draft();
            dose(mr, null, "705");
            change.accept(mr);
            assertThatThrownBy(() -> DraftOrderMapper.toDraft(mr)).isInstanceOf(FhirInputException.class)
                    .hasMessageContaining("cannot be checked");
        }
    }

    @Test
    void theOrderedDoseIsCheckedNotTheCalculatedOneBeforeIt() {
        MedicationRequest mr = draft();
        dose(mr, "calculated", "705");
        dose(mr, "ordered", "1000");
        DraftOrder order = DraftOrderMapper.toDraft(mr);
        assertThat(order.doseValue()).isEqualByComparingTo("1000");
        assertThat(order.doseUnit()).isEqualTo(DoseUnit.UG);
    }

    @Test
    void aSingleDoseWithoutATypeIsTheOrderedOne() {
        MedicationRequest mr = draft();
        dose(mr, null, "705");
        assertThat(DraftOrderMapper.toDraft(mr).doseValue()).isEqualByComparingTo("705");
    }

    @Test
    void twoDosesWithoutATypeAreRefusedNotChosenByPosition() {
        MedicationRequest mr = draft();
        dose(mr, null, "705");
        dose(mr, null, "1000");
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(mr)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("MedicationRequest/rx1").hasMessageContaining("dosageInstruction[0].doseAndRate")
                .hasMessageContaining("'ordered'");
    }

    @Test
    void twoOrderedDosesOrOnlyACalculatedOneAreRefused() {
        MedicationRequest two = draft();
        dose(two, "ordered", "705");
        dose(two, "ordered", "1000");
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(two)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("dosageInstruction[0].doseAndRate has 2 entries and 2 of type 'ordered'");
        MedicationRequest calculated = draft();
        dose(calculated, "calculated", "705");
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(calculated)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("dosageInstruction[0].doseAndRate[0] is not of type 'ordered'");
    }

    @Test
    void twoDosageInstructionsAreRefusedNotHalfRead() {
        MedicationRequest mr = draft();
        dose(mr, null, "705");
        mr.addDosageInstruction().addDoseAndRate().setDose(new SimpleQuantity().setValue(new BigDecimal("1000"))
                .setSystem(DraftOrderMapper.UCUM).setCode("ug"));
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(mr)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("one dosageInstruction is expected").hasMessageContaining("not 2");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-12", "2026"})
    void aPartialDoseDateIsRefusedNamingTheElement(String partial) {
        MedicationRequest event = draft();
        event.getDosageInstructionFirstRep().getTiming().addEventElement().setValueAsString("2026-12-07");
        event.getDosageInstructionFirstRep().getTiming().addEventElement().setValueAsString(partial);
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(event)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("MedicationRequest/rx1: dosageInstruction[0].timing.event[1] is a partial date")
                .hasMessageContaining("full day");
        MedicationRequest start = draft();
        start.getDosageInstructionFirstRep().getTiming().getRepeat().setBounds(new Period().setStartElement(
                new DateTimeType(partial)));
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(start)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("dosageInstruction[0].timing.repeat.boundsPeriod.start is a partial date");
    }

    @Test
    void aDoseDateWithATimeIsTheDayAsWrittenWhateverItsOffset() {
        MedicationRequest mr = draft();
        mr.getDosageInstructionFirstRep().getTiming().addEventElement().setValueAsString("2026-12-07T23:30:00-11:00");
        mr.getDosageInstructionFirstRep().getTiming().addEventElement().setValueAsString("2026-12-09T00:30:00+14:00");
        mr.getDosageInstructionFirstRep().getTiming().getRepeat().setBounds(new Period().setStartElement(
                new DateTimeType("2026-12-07")));
        DraftOrder order = DraftOrderMapper.toDraft(mr);
        assertThat(order.doseDates()).containsExactly(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 9));
        assertThat(order.firstDoseDate()).isEqualTo(LocalDate.of(2026, 12, 7));
    }

    @Test
    void aDoseDateWithoutAValueIsRefusedNotSkipped() {
        MedicationRequest mr = draft();
        mr.getDosageInstructionFirstRep().getTiming().addEventElement().addExtension(
                "http://hl7.org/fhir/StructureDefinition/data-absent-reason", new CodeType("unknown"));
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(mr)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("dosageInstruction[0].timing.event[0]: a date (YYYY-MM-DD) is required");
    }

    @Test
    void aDoseWithAComparatorIsRefused() {
        MedicationRequest mr = draft();
        dose(mr, null, "705");
        mr.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().setComparator(
                Quantity.QuantityComparator.LESS_THAN);
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(mr)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("dosageInstruction[0].doseAndRate[0].doseQuantity: a dose with a comparator (<)");
    }

    @Test
    void aDoseRangeIsRefusedNotReadAsNoDose() {
        MedicationRequest mr = draft();
        mr.getDosageInstructionFirstRep().addDoseAndRate().setDose(new org.hl7.fhir.r4.model.Range()
                .setLow(new SimpleQuantity().setValue(500).setSystem(DraftOrderMapper.UCUM).setCode("ug"))
                .setHigh(new SimpleQuantity().setValue(700).setSystem(DraftOrderMapper.UCUM).setCode("ug")));
        assertThatThrownBy(() -> DraftOrderMapper.toDraft(mr)).isInstanceOf(FhirInputException.class)
                .hasMessageContaining("dosageInstruction[0].doseAndRate[0].doseRange: a dose range is not one dose");
    }

    @Test
    void aSnomedRouteCodingWithoutACodeIsNoRouteNotAFailure() {
        MedicationRequest mr = draft();
        mr.getDosageInstructionFirstRep().setRoute(new CodeableConcept(new Coding().setSystem(
                DraftOrderMapper.SNOMED)));
        assertThat(DraftOrderMapper.toDraft(mr).route()).isNull();
    }
}
