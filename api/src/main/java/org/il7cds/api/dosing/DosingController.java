package org.il7cds.api.dosing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.il7cds.api.generated.api.DosingApi;
import org.il7cds.api.generated.model.CalendarRequestDto;
import org.il7cds.api.generated.model.CycleCalendarRequestDto;
import org.il7cds.api.generated.model.DosingCalendarDto;
import org.il7cds.api.records.DecisionRecording;
import org.il7cds.api.records.RecordNotFoundException;
import org.il7cds.api.security.ClientIds;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.course.CycleNotIndicatedException;
import org.il7cds.engine.course.RetreatmentEngine;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.records.DecisionRecord;
import org.il7cds.engine.records.DecisionStore;
import org.il7cds.engine.records.Operation;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.bind.annotation.RestController;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /v1/dosing/calendars: one calendar as JSON, iCalendar or CSV, as the client's Accept header asks, recorded
 * (with a refusal) before it is returned; POST /v1/dosing/cycle-calendars: the same for a new cycle, gated by the
 * re-treatment decision; GET /v1/dosing/calendars/{calendarId}: a recorded calendar (of either) again.
 */
@RestController
class DosingController implements DosingApi {

    private static final List<MediaType> REPRESENTATIONS = List.of(MediaType.APPLICATION_JSON,
            CalendarMessageConverter.TEXT_CALENDAR, CalendarMessageConverter.TEXT_CSV);

    private final DosingEngine engine;
    private final RetreatmentEngine retreatment;
    private final ActiveRules rules;
    private final ContentNegotiationManager negotiation;
    private final HttpServletRequest currentRequest;
    private final DecisionRecording recording;
    private final DecisionStore records;
    private final JsonMapper json;

    DosingController(DosingEngine engine, RetreatmentEngine retreatment, ActiveRules rules,
            ContentNegotiationManager mvcContentNegotiationManager, HttpServletRequest currentRequest,
            DecisionRecording recording, DecisionStore records, JsonMapper json) {
        this.engine = engine;
        this.retreatment = retreatment;
        this.rules = rules;
        this.negotiation = mvcContentNegotiationManager;
        this.currentRequest = currentRequest;
        this.recording = recording;
        this.records = records;
        this.json = json;
    }

    @Override
    public ResponseEntity<DosingCalendarDto> createDosingCalendar(CalendarRequestDto body) {
        MediaType representation = representation();
        DosingMapper.MappedRequest mapped = DosingMapper.toRequest(body);
        DecisionRecording.Moment moment = recording.moment();
        String decisionId = recording.newDecisionId();
        DosingCalendar calendar;
        try {
            calendar = engine.plan(mapped.request(), moment.clock());
        } catch (InvalidInputException e) {
            throw mapped.translate(e);
        } catch (CalendarRefusedException e) {
            byte[] problem = recording.calendarRefused(moment, ClientIds.current(), decisionId, body, e.assessment(),
                    DosingMapper.refusal(e, decisionId));
            return bytes(HttpStatus.UNPROCESSABLE_CONTENT, MediaType.APPLICATION_PROBLEM_JSON, problem);
        }
        byte[] calendarJson = recording.calendar(moment, ClientIds.current(), decisionId, body,
                body.getFirstInjectionDate(), calendar, DosingMapper.toDto(calendar).decisionId(decisionId));
        return represent(calendar, calendarJson, moment.at(), representation);
    }

    @Override
    public ResponseEntity<DosingCalendarDto> createCycleCalendar(CycleCalendarRequestDto body) {
        MediaType representation = representation();
        DecisionRecording.Moment moment = recording.moment();
        String decisionId = recording.newDecisionId();
        DosingCalendar calendar;
        try {
            calendar = planCycle(retreatment, rules.get(), body, moment.clock());
        } catch (CycleNotIndicatedException e) {
            byte[] problem = recording.calendarRefused(moment, ClientIds.current(), decisionId, body, e.assessment(),
                    DosingMapper.cycleRefusal(e, decisionId), Operation.CYCLE_CALENDAR);
            return bytes(HttpStatus.UNPROCESSABLE_CONTENT, MediaType.APPLICATION_PROBLEM_JSON, problem);
        }
        byte[] calendarJson = recording.calendar(moment, ClientIds.current(), decisionId, body,
                body.getCalendar().getFirstInjectionDate(), calendar, DosingMapper.toDto(calendar).decisionId(decisionId),
                Operation.CYCLE_CALENDAR);
        return represent(calendar, calendarJson, moment.at(), representation);
    }

    /** The new cycle's mapping and engine call, shared with its replay (CalendarReplayer). */
    static DosingCalendar planCycle(RetreatmentEngine engine, RuleSet rules, CycleCalendarRequestDto body,
            Clock clock) {
        DosingMapper.MappedCycle mapped = DosingMapper.toCycleRequest(body);
        try {
            return engine.planCycle(rules, mapped.calendar().request(), mapped.previousCycles(), clock, null);
        } catch (InvalidInputException e) {
            throw mapped.translate(e);
        }
    }

    /** The latest record of this calendar, rendered as it was: its recorded JSON, or iCalendar or CSV from it. */
    @Override
    public ResponseEntity<DosingCalendarDto> getDosingCalendar(String calendarId) {
        MediaType representation = representation();
        DecisionRecord r = records.latestCalendar(calendarId).orElseThrow(() -> new RecordNotFoundException(
                "There is no recorded calendar " + calendarId + " (it may have been purged)."));
        String answer = r.decision().answer();
        DosingCalendar calendar = DosingMapper.fromDto(json.readValue(answer, DosingCalendarDto.class));
        return represent(calendar, answer.getBytes(StandardCharsets.UTF_8), r.decision().at(), representation);
    }

    /**
     * The calendar in the representation the client asked for: its recorded JSON bytes, or a {@link RenderedCalendar}
     * that {@link CalendarMessageConverter} writes as iCalendar (events stamped with the time the calendar was made,
     * so that the same calendar reads the same) or CSV.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<DosingCalendarDto> represent(DosingCalendar calendar, byte[] calendarJson,
            Instant made, MediaType representation) {
        if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(representation)) {
            return bytes(HttpStatus.OK, MediaType.APPLICATION_JSON, calendarJson);
        }
        // The generated interface types the 200 body as the JSON DTO; the converter is chosen by the body's runtime
        // type (generics are erased), so the cast is safe.
        return (ResponseEntity) ResponseEntity.ok().contentType(new MediaType(representation, StandardCharsets.UTF_8))
                .body(new RenderedCalendar(calendar, made));
    }

    /** The first of the client's acceptable media types (by quality, then specificity) that we produce. */
    private MediaType representation() {
        List<MediaType> accepted;
        try {
            accepted = negotiation.resolveMediaTypes(new ServletWebRequest(currentRequest));
        } catch (HttpMediaTypeNotAcceptableException e) {
            accepted = List.of(MediaType.ALL);
        }
        for (MediaType a : accepted) {
            for (MediaType r : REPRESENTATIONS) {
                if (a.isCompatibleWith(r)) {
                    return r;
                }
            }
        }
        // Only application/problem+json was acceptable (the mapping lets it through): answer JSON.
        return MediaType.APPLICATION_JSON;
    }

    /** JSON answers as the bytes that were recorded (written by Spring's byte-array converter). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<DosingCalendarDto> bytes(HttpStatus status, MediaType type, byte[] body) {
        return (ResponseEntity) ResponseEntity.status(status).contentType(type).body(body);
    }
}
