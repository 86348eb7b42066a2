package org.il7cds.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/JSON error page: whatever reaches the servlet container's error dispatch (an
 * error outside Spring MVC) is answered as a problem too, without message, exception or trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Not an error dispatch: someone asked for /error itself, a path like any unknown one.
            return ResponseEntity.status(404).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.detail(Problems.Kind.NOT_FOUND, "There is no resource at this path."));
        }
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 500;
        // Errors of the API itself are answered by ProblemDetailsAdvice; what is dispatched here was found by the
        // container (a 400 for an unreadable request, a 408 for a body read that timed out, ...).
        Problems.Kind kind = Problems.Kind.forProtocolStatus(status);
        ProblemDetail p = Problems.detail(kind, Problems.protocolDetail(kind));
        p.setStatus(status);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s && s.length() <= Problems.MAX_PATH_LENGTH) {
            try {
                p.setInstance(URI.create(s));
            } catch (IllegalArgumentException ignored) {
                // a request URI that is no valid URI reference: leave instance out
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
