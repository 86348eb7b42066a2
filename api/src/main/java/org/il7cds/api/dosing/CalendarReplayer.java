package org.il7cds.api.dosing;

import java.time.Clock;
import org.il7cds.api.generated.model.CalendarRequestDto;
import org.il7cds.api.records.DecisionReplayer;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionChain;
import org.il7cds.engine.records.Operation;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Replays a calendar (or its refusal): the calendar mapping and engine call. */
@Component
class CalendarReplayer implements DecisionReplayer {

    private final DosingEngine dosing;
    private final JsonMapper json;

    CalendarReplayer(DosingEngine dosing, JsonMapper json) {
        this.dosing = dosing;
        this.json = json;
    }

    @Override
    public boolean replays(Operation operation) {
        return operation == Operation.CALENDAR;
    }

    @Override
    public Answer replay(Decision d, RuleSet rules, Clock clock) {
        CalendarRequestDto request = json.readValue(d.request(), CalendarRequestDto.class);
        try {
            DosingCalendar c = dosing.plan(rules, DosingMapper.toRequest(request).request(), clock);
            byte[] answer = json.writeValueAsBytes(DosingMapper.toDto(c).decisionId(d.decisionId()));
            return new Answer(200, c.eligibility().name(), null, answer);
        } catch (CalendarRefusedException e) {
            Assessment a = e.assessment();
            byte[] answer = json.writeValueAsBytes(DosingMapper.refusal(e, d.decisionId()));
            return new Answer(422, a.verdict().name(), DecisionChain.criteria(a.criteria()), answer);
        } catch (RuntimeException e) {
            return DecisionReplayer.failed(e, json);
        }
    }
}
