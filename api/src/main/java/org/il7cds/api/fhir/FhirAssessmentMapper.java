package org.il7cds.api.fhir;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.il7cds.api.generated.model.CandidateDto;
import org.il7cds.api.generated.model.FieldErrorDto;
import org.il7cds.engine.rules.RuleSet;

/**
 * A FHIR R4 Bundle for one patient as the JSON route's assessment request: the candidate ({@link FhirCandidateMapper},
 * with the active rules' drug terminology and condition codes), checked against the contract's constraints. Used by
 * the FHIR form of POST /v1/eligibility/assessments and by the CDS Hooks patient-view service, so that both are
 * assessed, recorded and replayed exactly as the equivalent JSON request.
 */
public final class FhirAssessmentMapper {

    /**
     * The LOINC codes the mapping reads, by the candidate's lab (the CDS service's prefetch templates and the lab
     * orders it suggests take them from here).
     */
    public static final Map<String, List<String>> LAB_CODES = Map.of(
            "cd4", List.of(FhirCandidateMapper.CD4_COUNT, FhirCandidateMapper.CD4_PERCENT),
            "hivRna", hivRnaCodes(),
            "haematology", List.of(FhirCandidateMapper.NEUTROPHILS, FhirCandidateMapper.HAEMOGLOBIN,
                    FhirCandidateMapper.PLATELETS),
            "creatinine", List.of(FhirCandidateMapper.CREATININE),
            "pregnancy", List.of(FhirCandidateMapper.PREGNANCY_STATUS, FhirCandidateMapper.BREASTFEEDING_STATUS));
    public static final String LOINC = FhirCandidateMapper.LOINC;
    /** LOINC "History of Medication use Narrative": the List that states "no medications" (docs/fhir.md). */
    public static final String MEDICATION_LIST = FhirCandidateMapper.MEDICATION_LIST;

    private FhirAssessmentMapper() {
    }

    /**
     * @param asOf the request's asOf (null: today, as the JSON route decides)
     * @param today the service's today, for the mapping's dates when asOf is null
     * @param fhir {@code il7cds.fhir.*}: how the record is read (its assumptions)
     * @throws FhirInputException (a 400) when the bundle is not one patient's, and a
     *     {@link FhirAssessmentController.FhirValidationException} when the mapped candidate breaks the contract
     */
    public static AssessmentRequestDto request(Bundle bundle, RuleSet rules, String protocolId, LocalDate asOf,
            LocalDate today, FhirProperties fhir, Validator validator) {
        CandidateDto candidate = new FhirCandidateMapper(rules.drugs(),
                ConditionCodes.parse(rules.bundle().text(ConditionCodes.PATH)), asOf == null ? today : asOf,
                fhir).map(bundle);
        AssessmentRequestDto request = new AssessmentRequestDto(candidate).protocolId(protocolId).asOf(asOf);
        List<FieldErrorDto> invalid = validator.validate(request).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(FhirAssessmentMapper::fieldError).toList();
        if (!invalid.isEmpty()) {
            throw new FhirAssessmentController.FhirValidationException(invalid);
        }
        return request;
    }

    private static List<String> hivRnaCodes() {
        return java.util.stream.Stream.concat(FhirCandidateMapper.HIV_RNA.stream(),
                FhirCandidateMapper.HIV_RNA_LOG10.stream()).sorted().toList();
    }

    private static FieldErrorDto fieldError(ConstraintViolation<?> v) {
        return new FieldErrorDto(v.getPropertyPath().toString(), v.getMessage());
    }
}
