package org.il7cds.api.eligibility;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.il7cds.api.generated.api.EligibilityApi;
import org.il7cds.api.generated.model.AssessmentDto;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.il7cds.api.generated.model.BatchAssessmentRequestDto;
import org.il7cds.api.generated.model.BatchAssessmentResponseDto;
import org.il7cds.api.generated.model.BatchResultDto;
import org.il7cds.api.generated.model.CandidateDto;
import org.il7cds.api.generated.model.FieldErrorDto;
import org.il7cds.api.records.DecisionRecording;
import org.il7cds.api.security.ClientIds;
import org.il7cds.api.web.Problems;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.il7cds.api.metrics.VerdictMetricsAdvice;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** POST /v1/eligibility/assessments[/batch]: map, assess, map back. */
@RestController
class EligibilityController implements EligibilityApi {

    private static final java.util.regex.Pattern PSEUDONYM = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final EligibilityEngine engine;
    private final Validator validator;
    private final ActiveRules rules;
    private final DecisionRecording recording;
    private final HttpServletRequest currentRequest;
    private final JsonMapper json;

    EligibilityController(EligibilityEngine engine, Validator validator, ActiveRules rules,
            DecisionRecording recording, HttpServletRequest currentRequest, JsonMapper json) {
        this.currentRequest = currentRequest;
        this.engine = engine;
        this.validator = validator;
        this.rules = rules;
        this.recording = recording;
        this.json = json;
    }

    /**
     * A batch body is validated at its top level only (protocolId, asOf, the number of candidates); each
     * candidate is validated on its own in {@link #assessEligibilityBatch}, so one bad candidate gets its own
     * problem entry instead of failing the batch.
     */
    @InitBinder("batchAssessmentRequestDto")
    void validateBatchTopLevelOnly(WebDataBinder binder) {
        binder.setValidator(new TopLevelValidator(validator, BatchAssessmentRequestDto.class,
                List.of("protocolId", "asOf", "candidates")));
    }

    /**
     * Assesses on a clock fixed at the decision's instant, records the answer, then returns those very bytes.
     *
     * <p>The mapping is narrowed to JSON: openapi.yaml also declares a FHIR Bundle body for this operation, which
     * the consumes-specific handler of the api's fhir package reads (FhirAssessmentController). The query parameters
     * belong to that form; with a JSON body they are in the body, and giving them in the query is refused.
     */
    @Override
    @org.springframework.web.bind.annotation.PostMapping(path = EligibilityApi.PATH_ASSESS_ELIGIBILITY,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    public ResponseEntity<AssessmentDto> assessEligibility(AssessmentRequestDto request, String protocolId,
            java.time.LocalDate asOf) {
        if (protocolId != null || asOf != null) {
            throw new InvalidInputException(protocolId != null ? "protocolId" : "asOf",
                    "is a query parameter of the FHIR form only (Content-Type application/fhir+json); with JSON, give"
                    + " it in the body");
        }
        EligibilityMapper.MappedCandidate mapped = EligibilityMapper.toCandidate(request.getCandidate(), "candidate.");
        DecisionRecording.Moment moment = recording.moment();
        Assessment assessment;
        try {
            assessment = engine.assess(rules.get(), request.getProtocolId(), mapped.candidate(), request.getAsOf(),
                    moment.clock());
        } catch (InvalidInputException e) {
            throw mapped.translate(e);
        }
        String decisionId = recording.newDecisionId();
        AssessmentDto answer = EligibilityMapper.toDto(assessment).decisionId(decisionId);
        byte[] recorded = recording.assessment(moment, ClientIds.current(), decisionId, request, assessment, answer);
        // The body written is the recorded bytes; the verdict metrics count the answer they hold.
        currentRequest.setAttribute(VerdictMetricsAdvice.ANSWERED_ASSESSMENT, answer);
        return json(recorded);
    }

    /**
     * One candidate against every active protocol or a chosen list (ProtocolComparison), on a clock fixed at the
     * decision's instant; the whole comparison is recorded as one decision and its recorded bytes returned.
     */
    @Override
    public ResponseEntity<org.il7cds.api.generated.model.ProtocolComparisonDto> assessAgainstProtocols(
            org.il7cds.api.generated.model.ProtocolAssessmentRequestDto request) {
        DecisionRecording.Moment moment = recording.moment();
        org.il7cds.engine.eligibility.ProtocolComparison comparison = compare(engine, rules.get(), request,
                moment.clock());
        String decisionId = recording.newDecisionId();
        org.il7cds.api.generated.model.ProtocolComparisonDto answer = toDto(comparison).decisionId(decisionId);
        return comparisonJson(recording.protocolAssessment(moment, ClientIds.current(), decisionId, request,
                comparison, answer));
    }

    /** The comparison's mapping and engine call, shared with its replay (ProtocolAssessmentReplayer). */
    static org.il7cds.engine.eligibility.ProtocolComparison compare(EligibilityEngine engine, RuleSet ruleSet,
            org.il7cds.api.generated.model.ProtocolAssessmentRequestDto request, java.time.Clock clock) {
        EligibilityMapper.MappedCandidate mapped = EligibilityMapper.toCandidate(request.getCandidate(), "candidate.");
        try {
            return org.il7cds.engine.eligibility.ProtocolComparison.of(engine, ruleSet, request.getProtocolIds(),
                    mapped.candidate(), request.getAsOf(), clock);
        } catch (InvalidInputException e) {
            throw mapped.translate(e);
        }
    }

    static org.il7cds.api.generated.model.ProtocolComparisonDto toDto(
            org.il7cds.engine.eligibility.ProtocolComparison comparison) {
        return new org.il7cds.api.generated.model.ProtocolComparisonDto(comparison.candidateId(),
                comparison.asOf(), comparison.rulesVersion(), comparison.rulesHash(), comparison.eligibleFor(),
                comparison.assessments().stream().map(EligibilityMapper::toDto).toList());
    }

    /** Every assessed item is recorded (one commit for the batch) before any result is returned. */
    @Override
    public ResponseEntity<BatchAssessmentResponseDto> assessEligibilityBatch(BatchAssessmentRequestDto request) {
        // Admitted one per core by BatchAdmissionFilter, before the body was read.
        DecisionRecording.Moment moment = recording.moment();
        List<DecisionRecording.BatchItem> decisions = new ArrayList<>();
        List<BatchResultDto> results = assessAll(request, moment, decisions);
        // The batch's turn goes to the next batch once only the wait for the commit is left.
        Runnable releaseTurn = (Runnable) currentRequest.getAttribute(BatchAdmissionFilter.RELEASE_TURN);
        List<byte[]> answers = recording.batch(moment, ClientIds.current(), decisions,
                releaseTurn == null ? () -> { } : releaseTurn);
        // The body written is bytes; the verdict metrics count the answers they hold.
        currentRequest.setAttribute(VerdictMetricsAdvice.ANSWERED_BATCH, new BatchAssessmentResponseDto(results));
        return batchJson(batchAnswer(results, answers));
    }

    /**
     * The batch answer, serialised once. Each assessed item's {@code assessment} is the very bytes that were recorded
     * and digested; letting Spring serialise the response DTO would write every assessment a second time (about a
     * tenth of a batch's CPU). The fields around it are an index, a pseudonym (checked against {@link #PSEUDONYM}:
     * nothing in it needs escaping) and a UUID, written here; an item with a problem is written by the JSON mapper.
     *
     * @param answers the assessed items' answers, in the order of the assessed items in {@code results}
     */
    private byte[] batchAnswer(List<BatchResultDto> results, List<byte[]> answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + answers.size() * 5_000);
        out.writeBytes(ascii("{\"results\":["));
        int next = 0;
        for (BatchResultDto result : results) {
            if (result.getIndex() > 0) {
                out.write(',');
            }
            if (result.getAssessment() == null) {
                out.writeBytes(json.writeValueAsBytes(result));
                continue;
            }
            StringBuilder head = new StringBuilder("{\"index\":").append(result.getIndex());
            if (result.getCandidateId() != null) {
                head.append(",\"candidateId\":\"").append(result.getCandidateId()).append('"');
            }
            if (result.getDecisionId() != null) {
                head.append(",\"decisionId\":\"").append(result.getDecisionId()).append('"');
            }
            out.writeBytes(ascii(head.append(",\"assessment\":").toString()));
            out.writeBytes(answers.get(next++));
            out.write('}');
        }
        out.writeBytes(ascii("]}"));
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private List<BatchResultDto> assessAll(BatchAssessmentRequestDto request, DecisionRecording.Moment moment,
            List<DecisionRecording.BatchItem> decisions) {
        List<BatchResultDto> results = new ArrayList<>();
        List<CandidateDto> candidates = request.getCandidates();
        // One rules version and one instant for the whole batch, even if another version is activated meanwhile.
        RuleSet ruleSet = rules.get();
        for (int i = 0; i < candidates.size(); i++) {
            CandidateDto dto = candidates.get(i);
            // The id is echoed only when it is a valid pseudonym (an invalid one might be a name).
            BatchResultDto result = new BatchResultDto(i).candidateId(
                    dto != null && dto.getPseudonymId() != null && PSEUDONYM.matcher(dto.getPseudonymId()).matches()
                            ? dto.getPseudonymId() : null);
            results.add(result);
            if (dto == null) {
                result.problem(Problems.itemValidation(List.of(new FieldErrorDto("", "a candidate cannot be null"))));
                continue;
            }
            List<FieldErrorDto> violations = validator.validate(dto).stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(EligibilityController::fieldError).toList();
            if (!violations.isEmpty()) {
                result.problem(Problems.itemValidation(violations));
                continue;
            }
            // Unknown protocols and rule failures concern the whole request and propagate (404, 500):
            // a batch never answers with some verdicts computed by failing rules.
            EligibilityMapper.MappedCandidate mapped = null;
            try {
                mapped = EligibilityMapper.toCandidate(dto, "");
                Assessment assessment = engine.assess(ruleSet, request.getProtocolId(), mapped.candidate(),
                        request.getAsOf(), moment.clock());
                String decisionId = recording.newDecisionId();
                AssessmentDto answer = EligibilityMapper.toDto(assessment).decisionId(decisionId);
                result.decisionId(decisionId).assessment(answer);
                decisions.add(new DecisionRecording.BatchItem(new AssessmentRequestDto(dto)
                        .protocolId(request.getProtocolId()).asOf(request.getAsOf()), assessment, answer, decisionId));
            } catch (InvalidInputException e) {
                InvalidInputException translated = mapped == null ? e : mapped.translate(e);
                result.problem(Problems.itemValidation(Problems.fieldErrors(translated.problems())));
            }
        }
        return results;
    }

    /**
     * The answer as the bytes that were recorded and digested. The generated interface types the body as the DTO;
     * the bytes are the same resource, written by Spring's byte-array converter (generics are erased and the
     * converter is chosen by the body's runtime type).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<AssessmentDto> json(byte[] body) {
        return (ResponseEntity) ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<org.il7cds.api.generated.model.ProtocolComparisonDto> comparisonJson(byte[] body) {
        return (ResponseEntity) ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<BatchAssessmentResponseDto> batchJson(byte[] body) {
        return (ResponseEntity) ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static FieldErrorDto fieldError(ConstraintViolation<?> v) {
        return new FieldErrorDto(v.getPropertyPath().toString(), v.getMessage());
    }
}
