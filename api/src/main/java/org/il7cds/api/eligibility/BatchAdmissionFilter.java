package org.il7cds.api.eligibility;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.il7cds.api.web.Problems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admission of POST /v1/eligibility/assessments/batch before its body is read (after authentication and rate
 * limits, which run earlier in Spring Security's chain): one batch per core runs, sixteen per core wait (a waiting
 * batch holds a request thread but not its candidates: its body is not read yet), and the next is answered 503
 * {@code server-busy} with Retry-After without reading its body, so that batches never hold every request thread
 * or fill the heap. Measured: admitting after the body was parsed spent the cores on parsing refused batches.
 */
@Component
class BatchAdmissionFilter extends OncePerRequestFilter {

    static final String PATH = "/v1/eligibility/assessments/batch";
    /**
     * The request attribute holding the batch's turn ({@link Runnable}, idempotent): the controller runs it once the
     * batch's CPU work is done and only the wait for its records' commit remains, so that the core goes to the next
     * batch instead of idling through the commit; otherwise the turn is released when the request ends.
     */
    static final String RELEASE_TURN = BatchAdmissionFilter.class.getName() + ".releaseTurn";
    private final BatchAdmission admission;
    private final JsonMapper json;

    @Autowired
    BatchAdmissionFilter(JsonMapper json) {
        this(json, new BatchAdmission(Runtime.getRuntime().availableProcessors(),
                16 * Runtime.getRuntime().availableProcessors()));
    }

    BatchAdmissionFilter(JsonMapper json, BatchAdmission admission) {
        this.json = json;
        this.admission = admission;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            admission.admit();
        } catch (ServerBusyException e) {
            ProblemDetail p = Problems.detail(Problems.Kind.SERVER_BUSY, e.getMessage());
            p.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(p.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Retry-After", String.valueOf(ServerBusyException.RETRY_AFTER_SECONDS));
            response.getOutputStream().write(json.writeValueAsBytes(p));
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                admission.release();
            }
        };
        request.setAttribute(RELEASE_TURN, release);
        try {
            chain.doFilter(request, response);
        } finally {
            release.run();
        }
    }
}
