package org.il7cds.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after authentication, before authorization: names the client for the access log, and answers 429 with
 * Retry-After when the client's token bucket is empty. Anonymous requests (public paths, and 401s) are not
 * counted here.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final TokenBuckets buckets;
    private final boolean enabled;
    private final ProblemResponses problems;

    RateLimitFilter(TokenBuckets buckets, boolean enabled, ProblemResponses problems) {
        this.buckets = buckets;
        this.enabled = enabled;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        String clientId = ClientIds.of(auth);
        if (clientId != null) {
            request.setAttribute(ClientIds.REQUEST_ATTRIBUTE, clientId);
            long retryAfter = enabled ? buckets.tryTake(clientId) : 0;
            if (retryAfter > 0) {
                problems.tooManyRequests(request, response, retryAfter);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
