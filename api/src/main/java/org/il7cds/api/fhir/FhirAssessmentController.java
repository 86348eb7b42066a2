package org.il7cds.api.fhir;

import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.il7cds.api.generated.api.EligibilityApi;
import org.il7cds.api.generated.model.AssessmentDto;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.il7cds.api.generated.model.CandidateDto;
import org.il7cds.api.generated.model.FieldErrorDto;
import org.il7cds.api.records.DecisionRecording;
import org.il7cds.api.web.Problems;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /v1/eligibility/assessments with {@code Content-Type: application/fhir+json}: a FHIR R4 Bundle for one patient.
 *
 * <p>Why a controller of its own: openapi.yaml declares both request content types on the one operation, but the
 * generated {@code EligibilityApi} method reads the JSON candidate with Jackson. Spring MVC picks a handler by the
 * request's Content-Type, so this consumes-specific handler takes the FHIR form and the generated one keeps JSON (its
 * implementation narrows its mapping to application/json, see EligibilityController). The bundle is parsed by HAPI
 * FHIR, mapped to the JSON API's candidate ({@link FhirCandidateMapper}), checked against the contract's constraints,
 * and handed to the JSON route's handler, which assesses and records it exactly as a JSON request (the record holds
 * the equivalent JSON request, so a replay is the JSON route's).
 */
@RestController
class FhirAssessmentController {

    private final EligibilityApi jsonRoute;
    private final Validator validator;
    private final ActiveRules rules;
    private final DecisionRecording recording;
    private final JsonMapper json;

    private final FhirProperties fhir;

    /** @param jsonRoute the JSON form's handler (EligibilityController), which assesses and records the mapped request */
    FhirAssessmentController(EligibilityApi jsonRoute, Validator validator, ActiveRules rules,
            DecisionRecording recording, JsonMapper json, FhirProperties fhir) {
        this.fhir = fhir;
        this.jsonRoute = jsonRoute;
        this.validator = validator;
        this.rules = rules;
        this.recording = recording;
        this.json = json;
    }

    @PostMapping(path = "/v1/eligibility/assessments", consumes = FhirJson.MEDIA_TYPE,
            produces = {MediaType.APPLICATION_JSON_VALUE, FhirJson.MEDIA_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<byte[]> assessBundle(@RequestBody String body,
            @RequestParam(name = "protocolId", required = false) String protocolId,
            @RequestParam(name = "asOf", required = false) LocalDate asOf,
            @RequestHeader(name = "Accept", required = false) String accept) {
        Bundle bundle = FhirJson.parse(Bundle.class, body);
        RuleSet ruleSet = rules.get();
        DecisionRecording.Moment moment = recording.moment();
        LocalDate date = asOf == null ? LocalDate.now(moment.clock()) : asOf;
        AssessmentRequestDto request = FhirAssessmentMapper.request(bundle, ruleSet, protocolId, asOf, date,
                fhir, validator);
        CandidateDto candidate = request.getCandidate();
        // From here on exactly the JSON route: map, assess, record, count the verdict; its body is the recorded bytes.
        ResponseEntity<?> answered = jsonRoute.assessEligibility(request, null, null);
        byte[] recorded = (byte[]) answered.getBody();
        if (wantsFhir(accept)) {
            AssessmentDto answer = json.readValue(recorded, AssessmentDto.class);
            String fhir = FhirJson.write(FhirAnswerMapper.guidance(answer, candidate.getPseudonymId(),
                    Date.from(moment.at())));
            return ResponseEntity.ok().contentType(FhirJson.FHIR_JSON)
                    .body(fhir.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(recorded);
    }

    /** FHIR answers when the client prefers application/fhir+json to application/json (or names only FHIR). */
    static boolean wantsFhir(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double fhir = 0;
        double json = 0;
        for (MediaType t : MediaType.parseMediaTypes(accept)) {
            if (t.equalsTypeAndSubtype(FhirJson.FHIR_JSON)) {
                fhir = Math.max(fhir, t.getQualityValue());
            } else if (t.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, t.getQualityValue());
            }
        }
        return fhir > 0 && fhir >= json;
    }

    /** The mapped candidate breaks the contract's constraints (a pseudonym, a number): a 400 listing each field. */
    static final class FhirValidationException extends RuntimeException {
        final transient List<FieldErrorDto> errors;

        FhirValidationException(List<FieldErrorDto> errors) {
            super("invalid candidate");
            this.errors = errors;
        }

        /** Each field and its message, for an OperationOutcome's diagnostics. */
        String fields() {
            return errors.stream().map(f -> f.getField() + " " + f.getMessage()).toList().toString();
        }

        org.springframework.http.ProblemDetail problem() {
            return Problems.validation(errors);
        }
    }
}
