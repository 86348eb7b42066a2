package org.il7cds.api.dosing;

import java.time.Clock;
import org.il7cds.api.generated.model.CalendarRequestDto;
import org.il7cds.api.generated.model.CycleCalendarRequestDto;
import org.il7cds.api.records.DecisionReplayer;
import org.il7cds.engine.course.CycleNotIndicatedException;
import org.il7cds.engine.course.RetreatmentEngine;
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

/** Replays a calendar or a new cycle's calendar (or its refusal): the calendar mappings and engine calls. */
@Component
class CalendarReplayer implements DecisionReplayer {

    private final DosingEngine dosing;
    private final RetreatmentEngine retreatment;
    private final JsonMapper json;

    CalendarReplayer(DosingEngine dosing, RetreatmentEngine retreatment, JsonMapper json) {
        this.dosing = dosing;
        this.retreatment = retreatment;
        this.json = json;
    }

    @Override
    public boolean replays(Operation operation) {
        return operation == Operation.CALENDAR || operation == Operation.CYCLE_CALENDAR;
    }

    @Override
    public Answer replay(Decision d, RuleSet rules, Clock clock) {
        try {
            DosingCalendar c = d.operation() == Operation.CYCLE_CALENDAR
                    ? DosingController.planCycle(retreatment, rules,
                            json.readValue(d.request(), CycleCalendarRequestDto.class), clock)
                    : dosing.plan(rules, DosingMapper.toRequest(json.readValue(d.request(), CalendarRequestDto.class))
                            .request(), clock);
            byte[] answer = json.writeValueAsBytes(DosingMapper.toDto(c).decisionId(d.decisionId()));
            return new Answer(200, c.eligibility().name(), null, answer);
        } catch (CycleNotIndicatedException e) {
            return refused(e.assessment(), json.writeValueAsBytes(DosingMapper.cycleRefusal(e, d.decisionId())));
        } catch (CalendarRefusedException e) {
            return refused(e.assessment(), json.writeValueAsBytes(DosingMapper.refusal(e, d.decisionId())));
        } catch (RuntimeException e) {
            return DecisionReplayer.failed(e, json);
        }
    }

    private static Answer refused(Assessment a, byte[] answer) {
        return new Answer(422, a.verdict().name(), DecisionChain.criteria(a.criteria()), answer);
    }
}
