package org.il7cds.api.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.il7cds.api.dosing.DosingMapper;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.api.DecisionsApi;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.il7cds.api.generated.model.CalendarRequestDto;
import org.il7cds.api.generated.model.ChainVerificationDto;
import org.il7cds.api.generated.model.DecisionListDto;
import org.il7cds.api.generated.model.DecisionOperationDto;
import org.il7cds.api.generated.model.DecisionRecordDto;
import org.il7cds.api.generated.model.PurgeRequestDto;
import org.il7cds.api.generated.model.PurgeResultDto;
import org.il7cds.api.generated.model.ReplayReportDto;
import org.il7cds.api.generated.model.VerdictDto;
import org.il7cds.api.security.ClientIds;
import org.il7cds.api.web.Problems;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionChain;
import org.il7cds.engine.records.DecisionRecord;
import org.il7cds.engine.records.DecisionRecorder;
import org.il7cds.engine.records.DecisionStore;
import org.il7cds.engine.records.Operation;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decision records: list and fetch (auditor), verify the chain (auditor), replay (auditor, informatician) and
 * purge (custodian). Replay runs the recorded request through the same mapping and engine calls as the operation
 * that answered it, on the recorded rules version (loaded from storage by its hash) and a clock fixed at the
 * recorded instant, and compares the answer's bytes.
 */
@RestController
class DecisionsController implements DecisionsApi {

    private final DecisionStore store;
    private final DecisionRecorder recorder;
    private final DecisionRecording recording;
    private final RulesRegistry registry;
    private final EligibilityEngine eligibility;
    private final DosingEngine dosing;
    private final JsonMapper json;

    DecisionsController(DecisionStore store, DecisionRecorder recorder, DecisionRecording recording,
            RulesRegistry registry, EligibilityEngine eligibility, DosingEngine dosing, JsonMapper json) {
        this.store = store;
        this.recorder = recorder;
        this.recording = recording;
        this.registry = registry;
        this.eligibility = eligibility;
        this.dosing = dosing;
        this.json = json;
    }

    @Override
    public ResponseEntity<DecisionListDto> listDecisions(OffsetDateTime from, OffsetDateTime to, String clientId,
            String protocolId, VerdictDto verdict, DecisionOperationDto operation, Integer page, Integer size) {
        List<DecisionRecord> found = store.find(new DecisionStore.Query(from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(), clientId, protocolId, verdict == null ? null : verdict.name(),
                operation == null ? null : Operation.parse(operation.getValue()).orElseThrow(),
                Math.multiplyExact(page, size), size + 1));
        boolean more = found.size() > size;
        return ResponseEntity.ok(new DecisionListDto(page, size, more,
                found.stream().limit(size).map(DecisionMapper::toSummary).toList()));
    }

    @Override
    public ResponseEntity<DecisionRecordDto> getDecision(String decisionId) {
        return ResponseEntity.ok(DecisionMapper.toDto(record(decisionId), json));
    }

    @Override
    public ResponseEntity<ChainVerificationDto> verifyDecisionChain() {
        return ResponseEntity.ok(DecisionMapper.toDto(DecisionChain.verify(store)));
    }

    @Override
    public ResponseEntity<PurgeResultDto> purgeDecisions(PurgeRequestDto body) {
        if (body.getReason().isBlank()) {
            throw new InvalidInputException("reason", "is blank: say why, for the record (the retention policy)");
        }
        DecisionRecording.Moment m = recording.moment();
        Instant cutoff = m.at().minus(Duration.ofDays(body.getOlderThanDays()));
        DecisionRecorder.Purged purged = recorder.purge(new DecisionRecorder.PurgeOrder(
                org.il7cds.engine.records.DecisionIds.next(m.clock()), m.at(), m.zone().getId(), ClientIds.current(),
                json.writeValueAsString(body), cutoff));
        return ResponseEntity.ok(DecisionMapper.toDto(purged, cutoff));
    }

    @Override
    public ResponseEntity<ReplayReportDto> replayDecision(String decisionId) {
        DecisionRecord r = record(decisionId);
        Decision d = r.decision();
        if (d.operation() == Operation.PURGE) {
            throw new InvalidInputException("decisionId", "names a purge record: only assessments and calendars are"
                    + " replayed");
        }
        RuleSet rules = registry.compiledByHash(d.rulesHash()).orElseThrow(() -> new RecordNotFoundException(
                "The rules version " + d.rulesVersion() + " (" + d.rulesHash() + ") that made decision " + decisionId
                        + " is not in storage: it cannot be replayed."));
        Clock clock = Clock.fixed(d.at(), ZoneId.of(d.zone()));
        AnswerComparison.Replayed replayed = d.operation() == Operation.CALENDAR
                ? calendar(d, rules, clock) : assessment(d, rules, clock);
        AnswerComparison.Result result = AnswerComparison.compare(d, replayed, json);
        return ResponseEntity.ok(DecisionMapper.toDto(r, result, replayed.answer(), json));
    }

    /** An assessment or a batch item again: the single-assessment mapping and engine call. */
    private AnswerComparison.Replayed assessment(Decision d, RuleSet rules, Clock clock) {
        AssessmentRequestDto request = json.readValue(d.request(), AssessmentRequestDto.class);
        try {
            EligibilityMapper.MappedCandidate mapped = EligibilityMapper.toCandidate(request.getCandidate(),
                    d.operation() == Operation.ASSESSMENT ? "candidate." : "");
            Assessment a = eligibility.assess(rules, request.getProtocolId(), mapped.candidate(), request.getAsOf(),
                    clock);
            byte[] answer = json.writeValueAsBytes(EligibilityMapper.toDto(a).decisionId(d.decisionId()));
            return new AnswerComparison.Replayed(200, a.verdict().name(), DecisionChain.criteria(a.criteria()), answer);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** A calendar (or its refusal) again: the calendar mapping and engine call. */
    private AnswerComparison.Replayed calendar(Decision d, RuleSet rules, Clock clock) {
        CalendarRequestDto request = json.readValue(d.request(), CalendarRequestDto.class);
        try {
            DosingCalendar c = dosing.plan(rules, DosingMapper.toRequest(request).request(), clock);
            byte[] answer = json.writeValueAsBytes(DosingMapper.toDto(c).decisionId(d.decisionId()));
            return new AnswerComparison.Replayed(200, c.eligibility().name(), null, answer);
        } catch (CalendarRefusedException e) {
            Assessment a = e.assessment();
            byte[] answer = json.writeValueAsBytes(DosingMapper.refusal(e, d.decisionId()));
            return new AnswerComparison.Replayed(422, a.verdict().name(), DecisionChain.criteria(a.criteria()), answer);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** The replay ended in an error where the recorded decision gave an answer: its status and message. */
    private AnswerComparison.Replayed failed(RuntimeException e) {
        Problems.Kind kind = Problems.kindOf(e);
        byte[] answer = json.writeValueAsBytes(Map.of("type", kind.type().toString(), "status",
                kind.status().value(), "detail", String.valueOf(e.getMessage())));
        return new AnswerComparison.Replayed(kind.status().value(), null, null, answer);
    }

    /**
     * The {@code operation} query parameter by its wire name ({@code batch-item}); Spring's own conversion would
     * want the enum constant's name. An unknown name is a 400.
     */
    @Component
    static final class OperationParameter implements Converter<String, DecisionOperationDto> {
        @Override
        public DecisionOperationDto convert(String source) {
            return DecisionOperationDto.fromValue(source);
        }
    }

    private DecisionRecord record(String decisionId) {
        return store.byDecisionId(decisionId).orElseThrow(() -> new RecordNotFoundException(
                "There is no decision record " + decisionId + " (it may have been purged)."));
    }
}
