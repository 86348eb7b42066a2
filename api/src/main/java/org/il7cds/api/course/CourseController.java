package org.il7cds.api.course;

import java.time.Clock;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.api.CourseApi;
import org.il7cds.api.generated.model.MonitoringAnswerDto;
import org.il7cds.api.generated.model.MonitoringRequestDto;
import org.il7cds.api.generated.model.RetreatmentDecisionDto;
import org.il7cds.api.generated.model.RetreatmentRequestDto;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.course.MonitoringRequest;
import org.il7cds.engine.course.RetreatmentEngine;
import org.il7cds.engine.course.RetreatmentRequest;
import org.il7cds.engine.rules.ActiveRules;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /v1/course/retreatment-decisions and /v1/course/monitoring-assessments: map, decide, map back. These answers are
 * not yet written to the decision record (DecisionRecording knows assessments and calendars only): see the issue.
 */
@RestController
class CourseController implements CourseApi {

    private final RetreatmentEngine retreatment;
    private final MonitoringEngine monitoring;
    private final ActiveRules rules;
    private final Clock clock;

    CourseController(RetreatmentEngine retreatment, MonitoringEngine monitoring, ActiveRules rules, Clock clock) {
        this.retreatment = retreatment;
        this.monitoring = monitoring;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<RetreatmentDecisionDto> decideRetreatment(RetreatmentRequestDto request) {
        EligibilityMapper.MappedCandidate candidate = EligibilityMapper.toCandidate(request.getCandidate(),
                "candidate.");
        try {
            return ResponseEntity.ok(CourseMapper.toDto(retreatment.decide(rules.get(), new RetreatmentRequest(
                    request.getProtocolId(), candidate.candidate(), CourseMapper.cycles(request.getPreviousCycles()),
                    request.getAsOf()), clock)));
        } catch (InvalidInputException e) {
            throw CourseMapper.translate(e, candidate);
        }
    }

    @Override
    public ResponseEntity<MonitoringAnswerDto> assessMonitoring(MonitoringRequestDto request) {
        EligibilityMapper.MappedCandidate candidate = EligibilityMapper.toCandidate(request.getCandidate(),
                "candidate.");
        try {
            return ResponseEntity.ok(CourseMapper.toDto(monitoring.assess(rules.get(), new MonitoringRequest(
                    request.getProtocolId(), candidate.candidate(), request.getDoseDates(), request.getAsOf()), clock,
                    null)));
        } catch (InvalidInputException e) {
            throw CourseMapper.translate(e, candidate);
        }
    }
}
