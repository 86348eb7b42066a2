package org.il7cds.api.course;

import java.time.Clock;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.model.MonitoringRequestDto;
import org.il7cds.api.generated.model.RetreatmentRequestDto;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.course.MonitoringAnswer;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.course.MonitoringRequest;
import org.il7cds.engine.course.RetreatmentDecision;
import org.il7cds.engine.course.RetreatmentEngine;
import org.il7cds.engine.course.RetreatmentRequest;
import org.il7cds.engine.rules.RuleSet;

/** The course operations' mapping and engine calls, shared by the operations and their replay (CourseReplayer). */
final class CourseDecisions {

    private CourseDecisions() {
    }

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
}
