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
}
