package org.il7cds.api.rules;

import org.il7cds.engine.authoring.RulesGovernanceException;
import org.il7cds.api.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The rules administration's errors (invalid rules, governance refusals) as RFC 9457 problems (types in {@link Problems}).
 * Ordered before the web package's ProblemDetailsAdvice, whose catch-all would otherwise answer them.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RulesProblemsAdvice {

    @ExceptionHandler(RulesInvalidException.class)
    ResponseEntity<Object> rulesInvalid(RulesInvalidException e) {
        ProblemDetail p = Problems.detail(Problems.Kind.RULES_INVALID, e.getMessage());
        p.setProperty("report", RulesAdminMapper.toDto(e.report()));
        return Problems.response(p);
    }

    /** The engine's governance refusals; their messages name rules versions and people, never patient data. */
    @ExceptionHandler(RulesGovernanceException.class)
    ResponseEntity<Object> rulesGovernance(RulesGovernanceException e) {
        Problems.Kind kind = switch (e.reason()) {
            case NO_PREVIOUS_VERSION -> Problems.Kind.NO_PREVIOUS_VERSION;
            case LABEL_TAKEN -> Problems.Kind.RULES_VERSION_LABEL_TAKEN;
            case PROPOSAL_CLOSED -> Problems.Kind.PROPOSAL_CLOSED;
            case SELF_APPROVAL -> Problems.Kind.SELF_APPROVAL;
            case UNKNOWN_VERSION, UNKNOWN_PROPOSAL -> Problems.Kind.NOT_FOUND;
            case REASON_MISSING, NOT_TEXT -> Problems.Kind.VALIDATION;
        };
        return Problems.response(Problems.detail(kind, e.getMessage()));
    }
}
