package org.il7cds.api.records;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.il7cds.api.generated.model.ChainBreakDto;
import org.il7cds.api.generated.model.ChainVerificationDto;
import org.il7cds.api.generated.model.CriterionStatusDto;
import org.il7cds.api.generated.model.DecisionOperationDto;
import org.il7cds.api.generated.model.DecisionRecordDto;
import org.il7cds.api.generated.model.DecisionSummaryDto;
import org.il7cds.api.generated.model.PurgeResultDto;
import org.il7cds.api.generated.model.RecordedCriterionDto;
import org.il7cds.api.generated.model.ReplayDifferenceDto;
import org.il7cds.api.generated.model.ReplayReportDto;
import org.il7cds.api.generated.model.VerdictDto;
import org.il7cds.engine.records.ChainVerification;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionChain;
import org.il7cds.engine.records.DecisionRecord;
import org.il7cds.engine.records.DecisionRecorder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Decision records, chain verifications, purges and replays as the API's DTOs. */
final class DecisionMapper {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private DecisionMapper() {
    }

    static DecisionSummaryDto toSummary(DecisionRecord r) {
        Decision d = r.decision();
        return new DecisionSummaryDto(r.seq(), d.decisionId(), utc(d.at()), d.clientId(), operation(d), d.status())
                .protocolId(d.protocolId()).rulesVersion(d.rulesVersion()).verdict(verdict(d.verdict()))
                .calendarId(d.calendarId());
    }

    static DecisionRecordDto toDto(DecisionRecord r, JsonMapper json) {
        Decision d = r.decision();
        return new DecisionRecordDto(r.seq(), d.decisionId(), utc(d.at()), d.zone(), d.clientId(), operation(d),
                json.readValue(d.request(), OBJECT), d.status(), d.answerDigest(), r.previousHash(), r.hash())
                .protocolId(d.protocolId()).rulesVersion(d.rulesVersion()).rulesHash(d.rulesHash()).asOf(d.asOf())
                .verdict(verdict(d.verdict())).criteria(criteria(d.criteria())).calendarId(d.calendarId())
                .answer(d.answer() == null ? null : json.readValue(d.answer(), OBJECT));
    }

    static ChainVerificationDto toDto(ChainVerification v) {
        ChainVerification.Break b = v.firstBreak();
        return new ChainVerificationDto(v.intact(), v.recordsChecked()).firstSeq(v.firstSeq()).headSeq(v.headSeq())
                .headHash(v.headHash()).firstBreak(b == null ? null
                        : new ChainBreakDto(b.seq(), ChainBreakDto.KindEnum.fromValue(b.kind().wire()), b.detail()));
    }

    static PurgeResultDto toDto(DecisionRecorder.Purged p, Instant cutoff) {
        Decision d = p.record().decision();
        PurgeResultDto dto = new PurgeResultDto(d.decisionId(), p.record().seq(), utc(cutoff), p.purged());
        DecisionChain.purgeAnchor(d).ifPresent(a -> dto.lastPurgedSeq(a.seq()).lastPurgedHash(a.hash()));
        return dto;
    }

    static ReplayReportDto toDto(DecisionRecord r, AnswerComparison.Result result, byte[] replayedAnswer,
            JsonMapper json) {
        Decision d = r.decision();
        List<ReplayDifferenceDto> differences = new ArrayList<>();
        for (AnswerComparison.Difference x : result.differences()) {
            differences.add(new ReplayDifferenceDto(x.field()).recorded(x.recorded()).replayed(x.replayed()));
        }
        return new ReplayReportDto(d.decisionId(), d.rulesVersion(), d.rulesHash(), utc(d.at()), result.identical(),
                d.answerDigest(), result.replayedDigest(), differences)
                .replayedAnswer(result.identical() ? null : json.readValue(replayedAnswer, OBJECT));
    }

    private static List<RecordedCriterionDto> criteria(String encoded) {
        if (encoded == null) {
            return null;
        }
        List<RecordedCriterionDto> out = new ArrayList<>();
        for (String pair : encoded.isEmpty() ? new String[0] : encoded.split(";")) {
            int eq = pair.lastIndexOf('=');
            out.add(new RecordedCriterionDto(pair.substring(0, eq), CriterionStatusDto.valueOf(pair.substring(eq + 1))));
        }
        return out;
    }

    private static DecisionOperationDto operation(Decision d) {
        return DecisionOperationDto.fromValue(d.operation().wire());
    }

    private static VerdictDto verdict(String verdict) {
        return verdict == null ? null : VerdictDto.valueOf(verdict);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
