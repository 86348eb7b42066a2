package org.il7cds.api.cds;

import org.il7cds.api.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The CDS Hooks refusals as RFC 9457 problems: 412 prefetch-unavailable, 404 not-found, 400 validation. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CdsProblemsAdvice {

    @ExceptionHandler(PrefetchUnavailableException.class)
    ResponseEntity<ProblemDetail> prefetch(PrefetchUnavailableException e) {
        return answer(Problems.detail(Problems.Kind.PREFETCH_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler(CdsHooksController.UnknownCdsServiceException.class)
    ResponseEntity<ProblemDetail> unknown(CdsHooksController.UnknownCdsServiceException e) {
        return answer(Problems.detail(Problems.Kind.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(CdsInputException.class)
    ResponseEntity<ProblemDetail> input(CdsInputException e) {
        return answer(Problems.detail(Problems.Kind.VALIDATION, e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
