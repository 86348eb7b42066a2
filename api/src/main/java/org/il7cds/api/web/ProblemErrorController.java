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
        Problems.Kind kind = Problems.Kind.forStatus(status);
        ProblemDetail p = Problems.detail(kind, status >= 500 ? "An unexpected error occurred; no result was produced."
                : "The request could not be processed.");
        p.setStatus(status);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s) {
            try {
                p.setInstance(URI.create(s));
            } catch (IllegalArgumentException ignored) {
                // a request URI that is no valid URI reference: leave instance out
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
