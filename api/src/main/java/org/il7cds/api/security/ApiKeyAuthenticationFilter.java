package org.il7cds.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: ApiKey <key>} or {@code X-API-Key: <key>}. No API-key header: the
 * request goes on (a bearer token or nothing). A key that is not configured, or two credentials at once, is a 401
 * at once, also on public paths: a client that sends a wrong credential should learn it.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String SCHEME = "ApiKey";
    static final String HEADER = "X-API-Key";
    /**
     * Set on a request whose Authorization header names neither ApiKey nor Bearer (a bare key, say): if the
     * operation needs a credential, the 401 says how to send one ({@link ProblemResponses}).
     */
    static final String UNKNOWN_SCHEME = ApiKeyAuthenticationFilter.class.getName() + ".unknownScheme";

    private final ApiKeys keys;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> key;
        try {
            key = presentedKey(request);
        } catch (BadCredentialsException e) {
            entryPoint.commence(request, response, e);
            return;
        }
        if (key.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.Client> client = keys.match(key.get());
        if (client.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown API key"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(client.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    /** The API key of the request, if it sends one; two credentials or an empty key are refused. */
    static Optional<String> presentedKey(HttpServletRequest request) {
        List<String> authorization = Collections.list(request.getHeaders("Authorization"));
        List<String> apiKey = Collections.list(request.getHeaders(HEADER));
        if (authorization.size() + apiKey.size() > 1) {
            throw new BadCredentialsException("more than one credential");
        }
        if (apiKey.size() == 1) {
            return Optional.of(nonEmpty(apiKey.get(0).trim()));
        }
        if (authorization.size() == 1) {
            String value = authorization.get(0);
            if (value.length() >= SCHEME.length() && value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                    && (value.length() == SCHEME.length() || value.charAt(SCHEME.length()) == ' ')) {
                return Optional.of(nonEmpty(value.substring(SCHEME.length()).trim()));
            }
            if (!value.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
                request.setAttribute(UNKNOWN_SCHEME, Boolean.TRUE);
            }
        }
        return Optional.empty();
    }

    private static String nonEmpty(String key) {
        if (key.isEmpty()) {
            throw new BadCredentialsException("empty API key");
        }
        return key;
    }
}
