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
import org.il7cds.api.generated.model.RulesVersionListDto;
import org.il7cds.api.generated.model.ValidationReportDto;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.authoring.ActivationResult;
import org.il7cds.engine.authoring.ImpactPreview;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.authoring.RulesValidator;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.scenarios.EligibilityScenario;
import org.il7cds.engine.scenarios.EligibilityScenarios;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rules administration for informaticians: validate, preview, activate, list versions, roll back. Reads the
 * bundle from the request (upload) or from the directory the service was started with ({@code rules.dir}).
 */
@RestController
class RulesAdminController implements RulesAdminApi {

    private final RulesRegistry registry;
    private final Clock clock;
    private final String rulesDir;
    private final HttpServletRequest request;

    RulesAdminController(RulesRegistry registry, Clock clock, @Value("${rules.dir:}") String rulesDir,
            HttpServletRequest request) {
        this.registry = registry;
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
        String protocol = body.getProtocolId() == null ? EligibilityEngine.DEFAULT_PROTOCOL : body.getProtocolId();
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
                    .filter(s -> s.protocolId().equals(protocol) && s.expectedErrorFields().isEmpty())
                    .map(EligibilityScenario::candidate).forEach(candidates::add);
        }
        return ResponseEntity.ok(RulesAdminMapper.toDto(ImpactPreview.compare(registry.get(), outcome.compiled(),
                protocol, candidates, asOf, clock)));
    }

    @Override
    public ResponseEntity<ActivationResultDto> activateRules(RulesSourceDto source) {
        RuleBundle bundle = bundle(source);
        ActivationResult result = registry.activate(bundle, caller(), origin(source));
        if (!result.activated()) {
            throw new RulesInvalidException("The rules bundle is not valid; version " + result.active().id()
                    + " still answers. See the report.", result.report());
        }
        return ResponseEntity.ok(RulesAdminMapper.toDto(result));
    }

    @Override
    public ResponseEntity<RulesVersionListDto> listRulesVersions() {
        return ResponseEntity.ok(RulesAdminMapper.versions(registry.active().id(), registry.versions()));
    }

    @Override
    public ResponseEntity<ActivationResultDto> rollbackRules() {
        ActivationResult result;
        try {
            result = registry.rollback(caller());
        } catch (IllegalStateException e) {
            throw new NoPreviousVersionException("Only one version has been active; there is nothing to roll back to.");
        }
        if (!result.activated()) {
            throw new RulesInvalidException("The previous version no longer validates; version "
                    + result.active().id() + " still answers. See the report.", result.report());
        }
        return ResponseEntity.ok(RulesAdminMapper.toDto(result));
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
