package org.il7cds.api.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * The code of a MedicationStatement's or MedicationRequest's {@code medication[x]}, read the one way both the
 * assessment of a record and the check of a draft order read it.
 */
public final class MedicationCodes {

    private MedicationCodes() {
    }

    /**
     * The medication as a code: given inline ({@code medicationCodeableConcept}), or through its reference: a
     * resource the parser resolved, a local {@code #id} contained in {@code holder}, or a Medication among
     * {@code others} (a Bundle's entries) with the reference's id. Null when the reference resolves to none of them:
     * the caller decides what an unknown medication means, never this method.
     */
    public static CodeableConcept of(Type medication, DomainResource holder, List<? extends Resource> others) {
        if (medication instanceof CodeableConcept cc) {
            return cc;
        }
        if (!(medication instanceof Reference ref)) {
            return null;
        }
        if (ref.getResource() instanceof Medication m) {
            return code(m);
        }
        String id = ref.getReferenceElement().getIdPart();
        if (id == null) {
            return null;
        }
        if (id.startsWith("#")) { // a local reference: only a contained resource answers it
            for (Resource contained : holder.getContained()) {
                if (contained instanceof Medication m && id.substring(1).equals(bare(m.getIdElement().getIdPart()))) {
                    return code(m);
                }
            }
            return null;
        }
        for (Resource r : others) {
            if (r instanceof Medication m && id.equals(m.getIdElement().getIdPart())) {
                return code(m);
            }
        }
        return null;
    }

    /**
     * A Medication's code, with what its ingredients say when its code has no text: one ingredient's codings and
     * name, or several ingredients' names as the text ("bictegravir, emtricitabine, tenofovir alafenamide", which the
     * terminology does not resolve whole, so c-ART names it as not recognised rather than counting one agent). A
     * product code alone (NDC, dm+d) is not in the terminology: the ingredients are how such a record is read.
     */
    private static CodeableConcept code(Medication m) {
        if (m.getIngredient().isEmpty() || m.getCode().hasText()) {
            return m.getCode();
        }
        CodeableConcept cc = m.getCode().copy();
        List<String> names = new ArrayList<>();
        for (Medication.MedicationIngredientComponent i : m.getIngredient()) {
            if (i.getItem() instanceof CodeableConcept item) {
                if (m.getIngredient().size() == 1) {
                    item.getCoding().forEach(c -> cc.addCoding(c.copy()));
                }
                String name = item.hasText() ? item.getText() : item.getCoding().stream()
                        .filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst().orElse(null);
                if (name != null) {
                    names.add(name);
                }
            }
        }
        if (!names.isEmpty()) {
            cc.setText(String.join(", ", names));
        }
        return cc;
    }

    /** A contained resource's id, with or without the '#' that HAPI keeps on some of them. */
    private static String bare(String id) {
        return id != null && id.startsWith("#") ? id.substring(1) : id;
    }
}
