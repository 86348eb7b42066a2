package org.il7cds.api.dosing;

import org.il7cds.engine.dosing.ScheduleInfeasibleException;
import org.il7cds.api.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The dosing feature's errors (a course that does not fit its window) as RFC 9457 problems (types in {@link Problems}).
 * Ordered before the web package's ProblemDetailsAdvice, whose catch-all would otherwise answer them.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DosingProblemsAdvice {

    @ExceptionHandler(ScheduleInfeasibleException.class)
    ResponseEntity<Object> scheduleInfeasible(ScheduleInfeasibleException e) {
        int n = e.unplaced().size();
        ProblemDetail p = Problems.detail(Problems.Kind.SCHEDULE_INFEASIBLE, (n == 1 ? "1 dose cannot" : n + " doses cannot")
                + " be placed within the protocol's window with these clinic days and closures.");
        p.setProperty("unplacedDoses", DosingMapper.toDto(e.unplaced()));
        return Problems.response(p);
    }
}
