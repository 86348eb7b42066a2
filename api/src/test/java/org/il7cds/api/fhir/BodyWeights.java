package org.il7cds.api.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Test data: body-weight Observations as a record system sends them (LOINC 29463-7, UCUM units). */
public final class BodyWeights {

    private BodyWeights() {
    }

    public static Observation bodyWeight(String id, String patientId, String value, String ucum, LocalDate on) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(FhirCandidateMapper.LOINC, FhirBodyWeight.BODY_WEIGHT, "Body weight")));
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new DateTimeType(on.toString()));
        o.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem("http://unitsofmeasure.org").setCode(ucum)
                .setUnit(ucum));
        return o;
    }
}
