package org.il7cds.api.rules;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.il7cds.api.generated.model.ActivatedVersionDto;
import org.il7cds.api.generated.model.ActivationResultDto;
import org.il7cds.api.generated.model.CandidateImpactDto;
import org.il7cds.api.generated.model.CriterionChangeDto;
import org.il7cds.api.generated.model.CriterionStatusDto;
import org.il7cds.api.generated.model.ImpactReportDto;
import org.il7cds.api.generated.model.RuleProblemDto;
import org.il7cds.api.generated.model.FileDiffDto;
import org.il7cds.api.generated.model.ProposalDto;
import org.il7cds.api.generated.model.RulesDiffDto;
import org.il7cds.api.generated.model.RulesHistoryDto;
import org.il7cds.api.generated.model.StoredVersionDto;
import org.il7cds.api.generated.model.ScenarioOutcomeDto;
import org.il7cds.api.generated.model.ValidationReportDto;
import org.il7cds.api.generated.model.VerdictDto;
import org.il7cds.engine.authoring.ActivationResult;
import org.il7cds.engine.authoring.ImpactPreview;
import org.il7cds.engine.authoring.Activation;
import org.il7cds.engine.authoring.Proposal;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.authoring.StoredVersion;
import org.il7cds.engine.authoring.VersionDiff;
import org.il7cds.engine.authoring.ValidationReport;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.RuleProblem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Engine authoring results to their contract DTOs (one direction: nothing here reaches the engine). */
public final class RulesAdminMapper {

    private RulesAdminMapper() {
    }

    public static ValidationReportDto toDto(ValidationReport r) {
        return new ValidationReportDto(r.valid(),
                r.problems().stream().map(RulesAdminMapper::toDto).toList(),
                r.scenarios().stream().map(s -> new ScenarioOutcomeDto(s.file(), s.name(), s.passed(), s.differences()))
                        .toList())
                .version(r.version()).contentHash(r.contentHash());
    }

    private static RuleProblemDto toDto(RuleProblem p) {
        return new RuleProblemDto(RuleProblemDto.SeverityEnum.fromValue(p.severity().name()), p.file(), p.line(),
                p.message());
    }

    static ActivatedVersionDto toDto(Activation a) {
        return new ActivatedVersionDto(a.id(), a.versionId(), a.version(), a.contentHash(),
                ActivatedVersionDto.KindEnum.fromValue(a.kind().wire()), time(a.at()), a.actor(), a.origin(),
                a.reason()).restoresTo(a.restoresTo()).proposalId(a.proposalId());
    }

    static StoredVersionDto toDto(StoredVersion v) {
        return new StoredVersionDto(v.id(), v.version(), v.contentHash(), StoredVersionDto.OriginEnum.fromValue(v.origin()),
                time(v.storedAt()), v.storedBy());
    }

    static ProposalDto toDto(Proposal p) {
        return new ProposalDto(p.id(), p.versionId(), p.version(), p.contentHash(), p.proposedBy(), time(p.proposedAt()),
                p.reason(), ProposalDto.StatusEnum.fromValue(p.status().wire())).decidedBy(p.decidedBy())
                .decidedAt(p.decidedAt() == null ? null : time(p.decidedAt())).decisionNote(p.decisionNote());
    }

    static ActivationResultDto toDto(ActivationResult r) {
        return new ActivationResultDto(r.activated(), toDto(r.active()), toDto(r.report()))
                .proposal(r.proposal() == null ? null : toDto(r.proposal()));
    }

    static RulesHistoryDto history(Activation active, RulesRegistry.Approval approval, List<StoredVersion> versions,
            List<Activation> activations, List<Proposal> proposals) {
        return new RulesHistoryDto(active.id(), active.versionId(),
                approval == RulesRegistry.Approval.TWO_PERSON ? RulesHistoryDto.ApprovalEnum.TWO_PERSON
                        : RulesHistoryDto.ApprovalEnum.SINGLE,
                versions.stream().map(RulesAdminMapper::toDto).toList(),
                activations.stream().map(RulesAdminMapper::toDto).toList(),
                proposals.stream().map(RulesAdminMapper::toDto).toList());
    }

    static RulesDiffDto toDto(int from, int to, List<VersionDiff.FileDiff> files) {
        return new RulesDiffDto(from, to, files.stream().map(f -> new FileDiffDto(f.path(),
                FileDiffDto.ChangeEnum.fromValue(f.change().wire()), f.unifiedDiff())).toList());
    }

    /** A validation report as the JSON the API answers with (how the rules store keeps it). */
    public static String json(ValidationReport r, JsonMapper json) {
        return json.writeValueAsString(toDto(r));
    }

    /** Impact previews as the JSON the API answers with (how the rules store keeps a proposal's). */
    public static String json(List<ImpactPreview.Report> impact, JsonMapper json) {
        return json.writeValueAsString(impact.stream().map(RulesAdminMapper::toDto).toList());
    }

    static ValidationReportDto report(String text, JsonMapper json) {
        return json.readValue(text, ValidationReportDto.class);
    }

    static List<ImpactReportDto> impact(String text, JsonMapper json) {
        return json.readValue(text, new TypeReference<List<ImpactReportDto>>() { });
    }

    private static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    static ImpactReportDto toDto(ImpactPreview.Report r) {
        return new ImpactReportDto(r.activeVersion(), r.activeHash(), r.candidateVersion(), r.candidateHash(),
                r.candidates().size(), r.verdictChanges().size(),
                r.candidates().stream().map(RulesAdminMapper::toDto).toList());
    }

    private static CandidateImpactDto toDto(ImpactPreview.CandidateImpact c) {
        return new CandidateImpactDto(c.verdictChanges(), c.changes().stream().map(RulesAdminMapper::toDto).toList())
                .candidateId(c.candidateId()).verdictBefore(verdict(c.before())).verdictAfter(verdict(c.after()))
                .error(c.error());
    }

    private static CriterionChangeDto toDto(ImpactPreview.CriterionChange ch) {
        return new CriterionChangeDto(ch.criterionId()).statusBefore(status(ch.before())).statusAfter(status(ch.after()))
                .ruleBefore(ch.ruleBefore()).ruleAfter(ch.ruleAfter()).thresholdBefore(ch.thresholdBefore())
                .thresholdAfter(ch.thresholdAfter());
    }

    private static VerdictDto verdict(Verdict v) {
        return v == null ? null : VerdictDto.fromValue(v.name());
    }

    private static CriterionStatusDto status(Status s) {
        return s == null ? null : CriterionStatusDto.fromValue(s.name());
    }
}
