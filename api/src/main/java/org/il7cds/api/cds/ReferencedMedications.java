package org.il7cds.api.cds;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * The Medications that the gathered MedicationStatements and MedicationRequests reference but that neither the
 * prefetch nor the resources (contained) hold: EHRs often code a drug as {@code medicationReference}, and a search
 * by patient does not return the Medications. They are read from the request's FHIR server and added to the
 * Bundle. One that cannot be had stays unresolved, which the mapping never reads as "not an antiretroviral"
 * (docs/fhir.md, "Medications").
 */
final class ReferencedMedications {

    /** At most this many are read per call (a regimen lists far fewer; the rest stay unresolved). */
    static final int MAX_READS = 20;
    private static final Pattern RELATIVE = Pattern.compile("Medication/[A-Za-z0-9\\-.]{1,64}");

    private ReferencedMedications() {
    }

    /** Reads the referenced Medications that {@code bundle} lacks and adds those the server has. */
    static void addTo(Bundle bundle, CdsRequest request) {
        Set<String> held = new LinkedHashSet<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof Medication m) {
                held.add("Medication/" + m.getIdElement().getIdPart());
            }
        }
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            Type medication = r instanceof MedicationStatement ms ? ms.getMedication()
                    : r instanceof MedicationRequest mr ? mr.getMedication() : null;
            if (medication instanceof Reference ref && !(ref.getResource() instanceof Medication)
                    && ref.hasReference() && RELATIVE.matcher(ref.getReference()).matches()
                    && !held.contains(ref.getReference()) && wanted.size() < MAX_READS) {
                wanted.add(ref.getReference());
            }
        }
        for (Optional<IBaseResource> read : request.read(wanted).values()) {
            read.filter(Medication.class::isInstance).ifPresent(m -> bundle.addEntry().setResource((Medication) m));
        }
    }
}
