package org.il7cds.api.eligibility;

import java.time.Clock;
import org.il7cds.api.generated.model.ProtocolAssessmentRequestDto;
import org.il7cds.api.records.DecisionRecording;
import org.il7cds.api.records.DecisionReplayer;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.ProtocolComparison;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.Operation;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Replays a comparison against several protocols: the comparison's mapping and engine call. */
@Component
class ProtocolAssessmentReplayer implements DecisionReplayer {

    private final EligibilityEngine eligibility;
    private final JsonMapper json;

    ProtocolAssessmentReplayer(EligibilityEngine eligibility, JsonMapper json) {
        this.eligibility = eligibility;
        this.json = json;
    }

    @Override
    public boolean replays(Operation operation) {
        return operation == Operation.PROTOCOL_ASSESSMENT;
    }

    @Override
    public Answer replay(Decision d, RuleSet rules, Clock clock) {
        ProtocolAssessmentRequestDto request = json.readValue(d.request(), ProtocolAssessmentRequestDto.class);
        try {
            ProtocolComparison c = EligibilityController.compare(eligibility, rules, request, clock);
            byte[] answer = json.writeValueAsBytes(EligibilityController.toDto(c).decisionId(d.decisionId()));
            return new Answer(200, null, DecisionRecording.comparedCriteria(c), answer);
        } catch (RuntimeException e) {
            return DecisionReplayer.failed(e, json);
        }
    }
}
