package org.il7cds.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class MedicationCodesTest {

    private static Medication medication(String id, String text) {
        Medication m = new Medication();
        m.setId(id);
        m.setCode(new CodeableConcept().setText(text));
        return m;
    }

    @Test
    void anInlineCodeIsTheCode() {
        MedicationRequest mr = new MedicationRequest();
        CodeableConcept cc = new CodeableConcept().setText("dolutegravir");
        assertThat(MedicationCodes.of(cc, mr, List.of())).isSameAs(cc);
    }

    @Test
    void aReferenceResolvesToAContainedMedicationBeforeTheBundlesOne() {
        MedicationRequest mr = new MedicationRequest();
        mr.addContained(medication("m1", "contained"));
        Reference ref = new Reference("#m1");
        assertThat(MedicationCodes.of(ref, mr, List.of(medication("m2", "other"))).getText()).isEqualTo("contained");
    }

    @Test
    void aReferenceResolvesToTheBundlesMedicationWithItsId() {
        MedicationRequest mr = new MedicationRequest();
        Reference ref = new Reference("Medication/m2");
        assertThat(MedicationCodes.of(ref, mr, List.of(medication("m1", "one"), medication("m2", "two"))).getText())
                .isEqualTo("two");
    }

    @Test
    void anUnresolvedReferenceIsNullNotAGuess() {
        MedicationRequest mr = new MedicationRequest();
        assertThat(MedicationCodes.of(new Reference("Medication/absent"), mr, List.of(medication("m1", "one"))))
                .isNull();
        assertThat(MedicationCodes.of(new Reference(), mr, List.of(medication("m1", "one")))).isNull();
        assertThat(MedicationCodes.of(null, mr, List.of())).isNull();
    }

    @Test
    void aProductCodedMedicationIsReadByItsIngredients() {
        Medication one = new Medication();
        one.setId("ral");
        one.setCode(new CodeableConcept(new org.hl7.fhir.r4.model.Coding("http://hl7.org/fhir/sid/ndc", "0006-0227-61",
                null)));
        one.addIngredient().setItem(new CodeableConcept().setText("raltegravir"));
        MedicationRequest mr = new MedicationRequest().setMedication(new Reference("Medication/ral"));
        CodeableConcept read = MedicationCodes.of(mr.getMedication(), mr, List.of(one));
        assertThat(read.getText()).isEqualTo("raltegravir");
        assertThat(read.getCoding()).extracting(org.hl7.fhir.r4.model.Coding::getCode).containsExactly("0006-0227-61");

        Medication three = medication("bik", null);
        three.getCode().setText(null);
        for (String name : List.of("bictegravir", "emtricitabine", "tenofovir alafenamide")) {
            three.addIngredient().setItem(new CodeableConcept().setText(name));
        }
        MedicationRequest mr3 = new MedicationRequest().setMedication(new Reference("Medication/bik"));
        assertThat(MedicationCodes.of(mr3.getMedication(), mr3, List.of(three)).getText())
                .isEqualTo("bictegravir, emtricitabine, tenofovir alafenamide");
        assertThat(three.getCode().hasText()).as("the resource itself is not changed").isFalse();
    }
}
