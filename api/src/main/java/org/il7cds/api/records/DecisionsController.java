package org.il7cds.api.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.il7cds.api.generated.api.DecisionsApi;
import org.il7cds.api.generated.model.ChainVerificationDto;
import org.il7cds.api.generated.model.DecisionListDto;
import org.il7cds.api.generated.model.DecisionOperationDto;
import org.il7cds.api.generated.model.DecisionRecordDto;
import org.il7cds.api.generated.model.PurgeRequestDto;
import org.il7cds.api.generated.model.PurgeResultDto;
import org.il7cds.api.generated.model.ReplayReportDto;
import org.il7cds.api.generated.model.VerdictDto;
import org.il7cds.api.security.ClientIds;
import org.il7cds.engine.InvalidInputException;
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
    private final List<DecisionReplayer> replayers;
    private final JsonMapper json;

    /** @param replayers one per feature that records its answers (assessments, calendars, comparisons, course) */
    DecisionsController(DecisionStore store, DecisionRecorder recorder, DecisionRecording recording,
            RulesRegistry registry, List<DecisionReplayer> replayers, JsonMapper json) {
        this.store = store;
        this.recorder = recorder;
        this.recording = recording;
        this.registry = registry;
        this.replayers = List.copyOf(replayers);
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
            throw new InvalidInputException("decisionId", "names a purge record: only decisions (assessments,"
                    + " calendars, comparisons, retreatment and monitoring answers) are replayed");
        }
        RuleSet rules = registry.compiledByHash(d.rulesHash()).orElseThrow(() -> new RecordNotFoundException(
                "The rules version " + d.rulesVersion() + " (" + d.rulesHash() + ") that made decision " + decisionId
                        + " is not in storage: it cannot be replayed."));
        Clock clock = Clock.fixed(d.at(), ZoneId.of(d.zone()));
        DecisionReplayer replayer = replayers.stream().filter(x -> x.replays(d.operation())).findFirst()
                .orElseThrow(() -> new InvalidInputException("decisionId", "names a " + d.operation().wire()
                        + " record, which this service cannot replay"));
        DecisionReplayer.Answer answer = replayer.replay(d, rules, clock);
        AnswerComparison.Replayed replayed = new AnswerComparison.Replayed(answer.status(), answer.verdict(),
                answer.criteria(), answer.body());
        AnswerComparison.Result result = AnswerComparison.compare(d, replayed, json);
        return ResponseEntity.ok(DecisionMapper.toDto(r, result, replayed.answer(), json));
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
