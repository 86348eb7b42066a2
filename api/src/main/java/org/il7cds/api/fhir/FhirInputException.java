package org.il7cds.api.fhir;

/** A FHIR request that cannot be read or does not describe one patient: a 400, never a partial assessment. */
public class FhirInputException extends RuntimeException {

    public FhirInputException(String message) {
        super(message);
    }
}
