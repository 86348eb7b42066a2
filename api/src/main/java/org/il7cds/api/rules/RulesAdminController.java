package org.il7cds.api.rules;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.api.RulesAdminApi;
import org.il7cds.api.generated.model.ActivationResultDto;
import org.il7cds.api.generated.model.CandidateDto;
import org.il7cds.api.generated.model.ImpactReportDto;
import org.il7cds.api.generated.model.PreviewRequestDto;
import org.il7cds.api.generated.model.RulesSourceDto;
import org.il7cds.api.generated.model.ActivationRequestDto;
import org.il7cds.api.generated.model.ChangeReasonDto;
import org.il7cds.api.generated.model.ProposalDetailDto;
import org.il7cds.api.generated.model.ProposalDto;
import org.il7cds.api.generated.model.ProposalListDto;
import org.il7cds.api.generated.model.RulesDiffDto;
import org.il7cds.api.generated.model.RulesHistoryDto;
import org.il7cds.api.generated.model.StoredVersionDetailDto;
import org.il7cds.api.generated.model.ValidationReportDto;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.authoring.ActivationResult;
import org.il7cds.engine.authoring.ImpactPreview;
import org.il7cds.engine.authoring.Proposal;
import org.il7cds.engine.authoring.RulesGovernanceException;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.authoring.StoredVersion;
import org.il7cds.engine.authoring.VersionDiff;
import org.il7cds.engine.authoring.RulesValidator;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.scenarios.EligibilityScenario;
import org.il7cds.engine.scenarios.EligibilityScenarios;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rules administration for informaticians: validate, preview, activate (or propose and approve), re-activate a
 * stored version, roll back, and the audit reads (versions with their files and reports, activations, proposals,
 * diffs). Reads a bundle from the request (upload) or from the directory the service was started with
 * ({@code rules.dir}). Every change is stored by the registry before it goes live.
 */
@RestController
class RulesAdminController implements RulesAdminApi {

    private final RulesRegistry registry;
    private final JdbcRulesStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final String rulesDir;
    private final HttpServletRequest request;

    RulesAdminController(RulesRegistry registry, JdbcRulesStore store, JsonMapper json, Clock clock,
            @Value("${rules.dir:}") String rulesDir, HttpServletRequest request) {
        this.registry = registry;
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.rulesDir = rulesDir;
        this.request = request;
    }

    @Override
    public ResponseEntity<ValidationReportDto> validateRules(RulesSourceDto source) {
        return ResponseEntity.ok(RulesAdminMapper.toDto(RulesValidator.validate(bundle(source)).report()));
    }

    @Override
    public ResponseEntity<ImpactReportDto> previewRules(PreviewRequestDto body) {
        RuleBundle bundle = bundle(body.getRules());
        RulesValidator.Outcome outcome = RulesValidator.validate(bundle);
        if (outcome.compiled() == null) {
            throw new RulesInvalidException("The candidate rules do not compile; nothing was compared.",
                    outcome.report());
        }
        String protocol = body.getProtocolId() == null ? outcome.compiled().defaultProtocol() : body.getProtocolId();
        LocalDate asOf = body.getAsOf() == null ? LocalDate.now(clock) : body.getAsOf();
        List<Candidate> candidates = new ArrayList<>();
        List<CandidateDto> given = body.getCandidates() == null ? List.of() : body.getCandidates();
        List<org.il7cds.engine.FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                candidates.add(EligibilityMapper.toCandidate(given.get(i), "candidates[" + i + "]").candidate());
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (!Boolean.FALSE.equals(body.getIncludeScenarioCandidates())) {
            EligibilityScenarios.read(bundle, new ArrayList<RuleProblem>()).stream()
                    .filter(s -> s.protocolId().equals(protocol) && !s.expectsRefusal())
                    .map(EligibilityScenario::candidate).forEach(candidates::add);
        }
        return ResponseEntity.ok(RulesAdminMapper.toDto(ImpactPreview.compare(registry.get(), outcome.compiled(),
                protocol, candidates, asOf, clock)));
    }

    @Override
    public ResponseEntity<ActivationResultDto> activateRules(ActivationRequestDto body) {
        RulesSourceDto source = new RulesSourceDto().source(body.getSource() == ActivationRequestDto.SourceEnum.DIRECTORY
                ? RulesSourceDto.SourceEnum.DIRECTORY : RulesSourceDto.SourceEnum.UPLOAD).files(body.getFiles());
        return answer(registry.activate(bundle(source), caller(), origin(source), body.getReason()),
                "The rules bundle is not valid");
    }

    @Override
    public ResponseEntity<ActivationResultDto> activateStoredRulesVersion(Integer versionId, ChangeReasonDto body) {
        return answer(registry.activateStored(versionId, caller(), body.getReason()),
                "Stored version " + versionId + " no longer validates");
    }

    @Override
    public ResponseEntity<RulesHistoryDto> listRulesVersions() {
        return ResponseEntity.ok(RulesAdminMapper.history(registry.active(), registry.approval(), registry.versions(),
                registry.activations(), registry.proposals()));
    }

    @Override
    public ResponseEntity<StoredVersionDetailDto> getRulesVersionDetail(Integer versionId) {
        StoredVersion version = storedVersion(versionId);
        return ResponseEntity.ok(new StoredVersionDetailDto(RulesAdminMapper.toDto(version),
                registry.files(versionId), RulesAdminMapper.report(store.reportJson(versionId).orElseThrow(), json)));
    }

    @Override
    public ResponseEntity<RulesDiffDto> diffRulesVersions(Integer from, Integer to) {
        storedVersion(from);
        storedVersion(to);
        return ResponseEntity.ok(RulesAdminMapper.toDto(from, to,
                VersionDiff.between(registry.files(from), registry.files(to))));
    }

    @Override
    public ResponseEntity<ActivationResultDto> rollbackRules(ChangeReasonDto body) {
        return answer(registry.rollback(caller(), body.getReason()), "The previous version no longer validates");
    }

    @Override
    public ResponseEntity<ProposalListDto> listRulesProposals() {
        return ResponseEntity.ok(new ProposalListDto(registry.proposals().stream().map(RulesAdminMapper::toDto).toList()));
    }

    @Override
    public ResponseEntity<ProposalDetailDto> getRulesProposal(Integer proposalId) {
        Proposal proposal = store.proposal(proposalId).orElseThrow(() -> new RulesGovernanceException(
                RulesGovernanceException.Reason.UNKNOWN_PROPOSAL, "There is no proposal #" + proposalId + "."));
        return ResponseEntity.ok(new ProposalDetailDto(RulesAdminMapper.toDto(proposal),
                RulesAdminMapper.report(store.reportJson(proposal.versionId()).orElseThrow(), json),
                RulesAdminMapper.impact(store.impactJson(proposalId).orElseThrow(), json)));
    }

    @Override
    public ResponseEntity<ActivationResultDto> approveRulesProposal(Integer proposalId, ChangeReasonDto body) {
        return answer(registry.approve(proposalId, caller(), body.getReason()),
                "The proposed version no longer validates");
    }

    @Override
    public ResponseEntity<ProposalDto> withdrawRulesProposal(Integer proposalId, ChangeReasonDto body) {
        return ResponseEntity.ok(RulesAdminMapper.toDto(registry.withdraw(proposalId, caller(), body.getReason())));
    }

    /** 200 when live, 202 when stored as a proposal, 422 (with the report) when not valid. */
    private static ResponseEntity<ActivationResultDto> answer(ActivationResult result, String invalid) {
        if (result.activated()) {
            return ResponseEntity.ok(RulesAdminMapper.toDto(result));
        }
        if (result.proposal() != null && result.report().valid()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(RulesAdminMapper.toDto(result));
        }
        throw new RulesInvalidException(invalid + "; activation " + result.active().id() + " (version "
                + result.active().version() + ") still answers. See the report.", result.report());
    }

    private StoredVersion storedVersion(int id) {
        return registry.version(id).orElseThrow(() -> new RulesGovernanceException(
                RulesGovernanceException.Reason.UNKNOWN_VERSION, "There is no stored rules version #" + id + "."));
    }

    private RuleBundle bundle(RulesSourceDto source) {
        if (source.getSource() == RulesSourceDto.SourceEnum.DIRECTORY) {
            if (rulesDir.isBlank()) {
                throw new InvalidInputException("source", "the service was not started with --rules.dir: upload"
                        + " the files instead (source: upload, files: {path: text})");
            }
            if (source.getFiles() != null && !source.getFiles().isEmpty()) {
                throw new InvalidInputException("files", "give files only with source: upload");
            }
            return RuleBundle.fromDirectory(java.nio.file.Path.of(rulesDir));
        }
        Map<String, String> files = Optional.ofNullable(source.getFiles()).orElse(Map.of());
        if (files.isEmpty()) {
            throw new InvalidInputException("files", "an upload needs the rules files: bundle.yaml and protocols/...");
        }
        for (String path : files.keySet()) {
            if (path.isBlank() || path.startsWith("/") || path.contains("..") || path.contains("\\")
                    || path.length() > 300) {
                throw new InvalidInputException("files", "file paths are relative to the rules root, such as"
                        + " protocols/levy-2009/protocol.yaml");
            }
        }
        return RuleBundle.of(files, "upload");
    }

    private String origin(RulesSourceDto source) {
        return source.getSource() == RulesSourceDto.SourceEnum.DIRECTORY ? "directory" : "upload";
    }

    private String caller() {
        Principal p = request.getUserPrincipal();
        return p == null ? "anonymous" : p.getName();
    }
}
