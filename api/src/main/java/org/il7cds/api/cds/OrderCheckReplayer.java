package org.il7cds.api.cds;

import java.time.Clock;
import org.il7cds.api.records.DecisionReplayer;
import org.il7cds.engine.dosing.DoseOrderCheck;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.Operation;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Replays an order-check record: the recorded input (draft order, weight, dates) checked again on the given rules. */
@Component
class OrderCheckReplayer implements DecisionReplayer {

    private final JsonMapper json;

    OrderCheckReplayer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean replays(Operation operation) {
        return operation == Operation.ORDER_CHECK;
    }

    @Override
    public Answer replay(Decision d, RuleSet rules, Clock clock) {
        try {
            OrderDoseChecks.Input in = json.readValue(d.request(), OrderDoseChecks.Input.class);
            return new Answer(200, null, null, json.writeValueAsBytes(OrderDoseChecks.check(
                    new DoseOrderCheck(() -> rules), in)));
        } catch (RuntimeException e) {
            return DecisionReplayer.failed(e, json);
        }
    }
}
