package org.il7cds.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.il7cds.api.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 (and the rate limiter's 429, the firewall's refusals) as the same RFC 9457 problems as every other error of the API. The
 * detail never repeats the credential, nor the reason a token library gave (it may quote claims).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String REALM = "il7cds";
    /** The methods Spring Security's StrictHttpFirewall lets through (its default). */
    private static final Set<String> FIREWALL_METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

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

    /**
     * The firewall's refusals (Spring Security's StrictHttpFirewall, before authentication): a method it does not
     * know is 405 method-not-allowed (a client's error, so a 4xx, as for a known method a path does not take),
     * anything else it refuses (an encoded slash, a {@code ;} or a control character in the path or a header) 400
     * malformed-request. Without this both were a 400 validation, as if a field were wrong.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        Problems.Kind kind = FIREWALL_METHODS.contains(request.getMethod()) ? Problems.Kind.MALFORMED_REQUEST
                : Problems.Kind.METHOD_NOT_ALLOWED;
        write(request, response, Problems.detail(kind, Problems.protocolDetail(kind)));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail p) throws IOException {
        if (!response.isCommitted()) {
            Problems.write(request, response, p, json);
        }
    }
}
