package org.il7cds.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CachingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/** HAPI FHIR's validator against R4 core (structure definitions, value sets, invariants), built once per test JVM. */
public final class R4Validation {

    private static FhirValidator validator;

    private R4Validation() {
    }

    private static synchronized FhirValidator validator() {
        if (validator == null) {
            ValidationSupportChain chain = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(FhirJson.context()),
                    new CommonCodeSystemsTerminologyService(FhirJson.context()),
                    new InMemoryTerminologyServerValidationSupport(FhirJson.context()),
                    new SnapshotGeneratingValidationSupport(FhirJson.context()));
            FhirInstanceValidator module = new FhirInstanceValidator(new CachingValidationSupport(chain));
            validator = FhirJson.context().newValidator().registerValidatorModule(module);
        }
        return validator;
    }

    /** The errors HAPI's validator finds in a resource's JSON (empty when it is valid R4). */
    public static List<String> errors(String json) {
        ValidationResult result = validator().validateWithResult(json);
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
    }

    public static void assertValid(String json) {
        assertThat(errors(json)).as("R4 validation of " + json).isEmpty();
    }
}
