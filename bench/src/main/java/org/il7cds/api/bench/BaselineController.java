package org.il7cds.api.bench;

import jakarta.validation.Valid;
import java.time.LocalDate;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.model.AssessmentDto;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark baseline only, in the bench build and never in the service jar: bench/load.sh puts
 * bench/target/il7cds-bench-*-baseline.jar on the service's class path (Spring Boot's PropertiesLauncher,
 * {@code loader.path}), where the service's component scan finds this package, and turns it on with
 * {@code il7cds.bench.baseline-endpoint=true}. It is not part of the contract: the same JSON in and out as
 * POST /v1/eligibility/assessments, with the same parsing, validation, mapping and filters, but no rules. The answer is one assessment made at start-up with the
 * candidate's id put in, so the response has the size and shape of a real one. Never a clinical answer.
 */
@RestController
@ConditionalOnProperty(name = "il7cds.bench.baseline-endpoint", havingValue = "true")
class BaselineController {

    private final AssessmentDto template;

    BaselineController(EligibilityEngine engine) {
        Assessment sample = engine.assess((String) null,
                new org.il7cds.engine.eligibility.Candidate("BENCH-TEMPLATE", null, 40, null, null, null, null, null,
                        null, null, null), LocalDate.now());
        this.template = EligibilityMapper.toDto(sample);
    }

    @PostMapping(path = "/bench/baseline/assessments", consumes = "application/json", produces = "application/json")
    ResponseEntity<AssessmentDto> baseline(@Valid @RequestBody AssessmentRequestDto request) {
        EligibilityMapper.toCandidate(request.getCandidate(), "candidate.");
        AssessmentDto answer = new AssessmentDto(request.getCandidate().getPseudonymId(), template.getProtocolId(),
                template.getRulesVersion(), template.getRulesHash(), template.getAsOf(), template.getVerdict(),
                template.getCriteria(), template.getNotes());
        return ResponseEntity.ok(answer);
    }
}
