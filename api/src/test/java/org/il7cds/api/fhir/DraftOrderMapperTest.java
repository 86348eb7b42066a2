package org.il7cds.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.il7cds.engine.dosing.DoseUnit;
import org.il7cds.engine.dosing.DraftOrder;
import org.junit.jupiter.api.Test;

/** {@link DraftOrderMapper#toDraft}: which dose is the ordered one, and drafts it refuses rather than half-reads. */
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
}
