package org.il7cds.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.il7cds.api.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 (and the rate limiter's 429) as the same RFC 9457 problems as every other error of the API. The
 * detail never repeats the credential, nor the reason a token library gave (it may quote claims).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "il7cds";

    private final JsonMapper json;
    private final boolean jwtEnabled;

    ProblemResponses(JsonMapper json, boolean jwtEnabled) {
        this.json = json;
        this.jwtEnabled = jwtEnabled;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String detail;
        if (e instanceof OAuth2AuthenticationException || e instanceof InvalidBearerTokenException) {
            response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
            detail = "The bearer token is not valid: malformed, expired, not yet valid, from another issuer, for another"
                    + " audience, or not signed by a trusted key.";
        } else if (e instanceof org.springframework.security.authentication.BadCredentialsException) {
            response.addHeader("WWW-Authenticate", "ApiKey realm=\"" + REALM + "\"");
            detail = "The API key is not valid (or more than one credential was sent). Send one credential:"
                    + " Authorization: ApiKey <key>" + (jwtEnabled ? " or Authorization: Bearer <token>." : ".");
        } else {
            response.addHeader("WWW-Authenticate", "ApiKey realm=\"" + REALM + "\"");
            if (jwtEnabled) {
                response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
            }
            detail = request.getAttribute(ApiKeyAuthenticationFilter.UNKNOWN_SCHEME) != null
                    ? "The Authorization header does not start with 'ApiKey ': send the key as Authorization: ApiKey"
                            + " <key>" + (jwtEnabled ? " (or a token as Authorization: Bearer <token>)." : ".")
                    : "This operation needs a credential: Authorization: ApiKey <key>"
                            + (jwtEnabled ? " or Authorization: Bearer <token>." : ".");
        }
        write(request, response, Problems.detail(Problems.Kind.UNAUTHORIZED, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, Problems.detail(Problems.Kind.FORBIDDEN,
                "The credential is valid but has no role that may use this operation."));
    }

    void tooManyRequests(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(request, response, Problems.detail(Problems.Kind.TOO_MANY_REQUESTS, "This client sent more requests"
                + " than its rate limit allows; retry after " + retryAfterSeconds + " s."));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail p) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        try {
            p.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException ignored) {
            // not a valid URI reference: leave instance out
        }
        response.setStatus(p.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(p));
    }
}
