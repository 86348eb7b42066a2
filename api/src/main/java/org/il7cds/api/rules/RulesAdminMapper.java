package org.il7cds.api.rules;

import java.time.ZoneOffset;
import org.il7cds.api.generated.model.ActivatedVersionDto;
import org.il7cds.api.generated.model.ActivationResultDto;
import org.il7cds.api.generated.model.CandidateImpactDto;
import org.il7cds.api.generated.model.CriterionChangeDto;
import org.il7cds.api.generated.model.CriterionStatusDto;
import org.il7cds.api.generated.model.ImpactReportDto;
import org.il7cds.api.generated.model.RuleProblemDto;
import org.il7cds.api.generated.model.RulesVersionListDto;
import org.il7cds.api.generated.model.ScenarioOutcomeDto;
import org.il7cds.api.generated.model.ValidationReportDto;
import org.il7cds.api.generated.model.VerdictDto;
import org.il7cds.engine.authoring.ActivationResult;
import org.il7cds.engine.authoring.ImpactPreview;
import org.il7cds.engine.authoring.RulesVersion;
import org.il7cds.engine.authoring.ValidationReport;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.RuleProblem;

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

    static ActivatedVersionDto toDto(RulesVersion v) {
        return new ActivatedVersionDto(v.id(), v.version(), v.contentHash(), v.activatedAt().atOffset(ZoneOffset.UTC),
                v.activatedBy(), v.origin());
    }

    static ActivationResultDto toDto(ActivationResult r) {
        return new ActivationResultDto(r.activated(), toDto(r.active()), toDto(r.report()));
    }

    static RulesVersionListDto versions(int activeId, java.util.List<RulesVersion> versions) {
        return new RulesVersionListDto(activeId, versions.stream().map(RulesAdminMapper::toDto).toList());
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
