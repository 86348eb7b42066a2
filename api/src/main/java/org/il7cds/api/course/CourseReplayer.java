package org.il7cds.api.course;

import java.time.Clock;
import org.il7cds.api.generated.model.MonitoringRequestDto;
import org.il7cds.api.generated.model.RetreatmentRequestDto;
import org.il7cds.api.records.DecisionReplayer;
import org.il7cds.engine.course.MonitoringAnswer;
import org.il7cds.engine.course.MonitoringEngine;
import org.il7cds.engine.course.RetreatmentDecision;
import org.il7cds.engine.course.RetreatmentEngine;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionChain;
import org.il7cds.engine.records.Operation;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Replays a retreatment decision or a monitoring answer: the course operations' mapping and engine calls. */
@Component
class CourseReplayer implements DecisionReplayer {

    private final RetreatmentEngine retreatment;
    private final MonitoringEngine monitoring;
    private final JsonMapper json;

    CourseReplayer(RetreatmentEngine retreatment, MonitoringEngine monitoring, JsonMapper json) {
        this.retreatment = retreatment;
        this.monitoring = monitoring;
        this.json = json;
    }

    @Override
    public boolean replays(Operation operation) {
        return operation == Operation.RETREATMENT_DECISION || operation == Operation.MONITORING;
    }

    @Override
    public Answer replay(Decision d, RuleSet rules, Clock clock) {
        try {
            if (d.operation() == Operation.RETREATMENT_DECISION) {
                RetreatmentDecision r = CourseController.decide(retreatment, rules,
                        json.readValue(d.request(), RetreatmentRequestDto.class), clock);
                byte[] answer = json.writeValueAsBytes(CourseMapper.toDto(r).decisionId(d.decisionId()));
                return new Answer(200, r.assessment().verdict().name(),
                        DecisionChain.criteria(r.assessment().criteria()), answer);
            }
            MonitoringAnswer m = CourseController.assess(monitoring, rules,
                    json.readValue(d.request(), MonitoringRequestDto.class), clock);
            return new Answer(200, null, null, json.writeValueAsBytes(CourseMapper.toDto(m).decisionId(d.decisionId())));
        } catch (RuntimeException e) {
            return DecisionReplayer.failed(e, json);
        }
    }
}
