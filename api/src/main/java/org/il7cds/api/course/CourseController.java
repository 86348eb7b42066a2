package org.il7cds.api.course;

import java.time.Clock;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.api.CourseApi;
import org.il7cds.api.generated.model.MonitoringAnswerDto;
import org.il7cds.api.generated.model.MonitoringRequestDto;
import org.il7cds.api.generated.model.RetreatmentDecisionDto;
import org.il7cds.api.generated.model.RetreatmentRequestDto;
import org.il7cds.api.records.DecisionRecording;
import org.il7cds.api.security.ClientIds;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.course.MonitoringAnswer;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.course.MonitoringRequest;
import org.il7cds.engine.course.RetreatmentDecision;
import org.il7cds.engine.course.RetreatmentEngine;
import org.il7cds.engine.course.RetreatmentRequest;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /v1/course/retreatment-decisions and /v1/course/monitoring-assessments: map, decide on a clock fixed at the
 * decision's instant, map back, record the answer and return the recorded bytes (as the assessments do).
 */
@RestController
class CourseController implements CourseApi {

    private final RetreatmentEngine retreatment;
    private final MonitoringEngine monitoring;
    private final ActiveRules rules;
    private final DecisionRecording recording;

    CourseController(RetreatmentEngine retreatment, MonitoringEngine monitoring, ActiveRules rules,
            DecisionRecording recording) {
        this.retreatment = retreatment;
        this.monitoring = monitoring;
        this.rules = rules;
        this.recording = recording;
    }

    @Override
    public ResponseEntity<RetreatmentDecisionDto> decideRetreatment(RetreatmentRequestDto request) {
        DecisionRecording.Moment moment = recording.moment();
        RetreatmentDecision decision = decide(retreatment, rules.get(), request, moment.clock());
        String decisionId = recording.newDecisionId();
        RetreatmentDecisionDto answer = CourseMapper.toDto(decision).decisionId(decisionId);
        return json(recording.retreatment(moment, ClientIds.current(), decisionId, request, decision, answer));
    }

    @Override
    public ResponseEntity<MonitoringAnswerDto> assessMonitoring(MonitoringRequestDto request) {
        DecisionRecording.Moment moment = recording.moment();
        MonitoringAnswer assessed = assess(monitoring, rules.get(), request, moment.clock());
        String decisionId = recording.newDecisionId();
        MonitoringAnswerDto answer = CourseMapper.toDto(assessed).decisionId(decisionId);
        return json(recording.monitoring(moment, ClientIds.current(), decisionId, request, assessed, answer));
    }

    // The operations' mapping and engine calls, shared with their replay (CourseReplayer).

    static RetreatmentDecision decide(RetreatmentEngine engine, RuleSet rules, RetreatmentRequestDto request,
            Clock clock) {
        EligibilityMapper.MappedCandidate candidate = EligibilityMapper.toCandidate(request.getCandidate(),
                "candidate.");
        try {
            return engine.decide(rules, new RetreatmentRequest(request.getProtocolId(), candidate.candidate(),
                    CourseMapper.cycles(request.getPreviousCycles()), request.getAsOf()), clock);
        } catch (InvalidInputException e) {
            throw CourseMapper.translate(e, candidate);
        }
    }

    static MonitoringAnswer assess(MonitoringEngine engine, RuleSet rules, MonitoringRequestDto request,
            Clock clock) {
        EligibilityMapper.MappedCandidate candidate = EligibilityMapper.toCandidate(request.getCandidate(),
                "candidate.");
        try {
            return engine.assess(rules, new MonitoringRequest(request.getProtocolId(), candidate.candidate(),
                    request.getDoseDates(), request.getAsOf()), clock, null);
        } catch (InvalidInputException e) {
            throw CourseMapper.translate(e, candidate);
        }
    }
    /**
     * The answer as the bytes that were recorded and digested, written by Spring's byte-array converter (the
     * generated interface types the body as the DTO; generics are erased).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> ResponseEntity<T> json(byte[] body) {
        return (ResponseEntity) ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
