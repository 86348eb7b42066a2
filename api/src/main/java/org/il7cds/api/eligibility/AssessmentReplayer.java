package org.il7cds.api.eligibility;

import java.time.Clock;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.il7cds.api.records.DecisionReplayer;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionChain;
import org.il7cds.engine.records.Operation;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Replays an assessment or a batch item: the single-assessment mapping and engine call. */
@Component
class AssessmentReplayer implements DecisionReplayer {

    private final EligibilityEngine eligibility;
    private final JsonMapper json;

    AssessmentReplayer(EligibilityEngine eligibility, JsonMapper json) {
        this.eligibility = eligibility;
        this.json = json;
    }

    @Override
    public boolean replays(Operation operation) {
        return operation == Operation.ASSESSMENT || operation == Operation.BATCH_ITEM;
    }

    @Override
    public Answer replay(Decision d, RuleSet rules, Clock clock) {
        AssessmentRequestDto request = json.readValue(d.request(), AssessmentRequestDto.class);
        try {
            EligibilityMapper.MappedCandidate mapped = EligibilityMapper.toCandidate(request.getCandidate(),
                    d.operation() == Operation.ASSESSMENT ? "candidate." : "");
            Assessment a = eligibility.assess(rules, request.getProtocolId(), mapped.candidate(), request.getAsOf(),
                    clock);
            byte[] answer = json.writeValueAsBytes(EligibilityMapper.toDto(a).decisionId(d.decisionId()));
            return new Answer(200, a.verdict().name(), DecisionChain.criteria(a.criteria()), answer);
        } catch (RuntimeException e) {
            return DecisionReplayer.failed(e, json);
        }
    }
}
