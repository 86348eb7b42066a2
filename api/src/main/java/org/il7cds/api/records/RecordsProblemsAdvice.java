package org.il7cds.api.records;

import org.il7cds.api.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The decision records' errors (a record, or the rules version that made it, not found) as RFC 9457 problems (types in {@link Problems}).
 * Ordered before the web package's ProblemDetailsAdvice, whose catch-all would otherwise answer them.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecordsProblemsAdvice {

    @ExceptionHandler(RecordNotFoundException.class)
    ResponseEntity<Object> recordNotFound(RecordNotFoundException e) {
        return Problems.response(Problems.detail(Problems.Kind.NOT_FOUND, e.getMessage()));
    }
}
