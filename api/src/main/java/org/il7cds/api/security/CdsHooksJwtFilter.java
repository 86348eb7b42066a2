package org.il7cds.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On /cds-services only: authenticates {@code Authorization: Bearer <jwt>} as a CDS client
 * ({@link CdsClientJwtVerifier}). A token that does not verify is a 401 at once; the log line names the reason in
 * general terms (never the token or its claims). Without a bearer token the request goes on (an API key, or nothing).
 */
final class CdsHooksJwtFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CdsHooksJwtFilter.class);
    private static final String BEARER = "Bearer ";

    private final CdsClientJwtVerifier verifier;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    CdsHooksJwtFilter(CdsClientJwtVerifier verifier, AuthenticationEntryPoint entryPoint) {
        this.verifier = verifier;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> authorization = Collections.list(request.getHeaders("Authorization"));
        if (authorization.size() != 1 || !authorization.get(0).regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = authorization.get(0).substring(BEARER.length()).trim();
        String clientId;
        try {
            if (!verifier.enabled()) {
                throw new CdsClientJwtVerifier.Refused("no CDS client is configured");
            }
            clientId = verifier.verify(token, request.getRequestURI());
        } catch (CdsClientJwtVerifier.Refused e) {
            log.info("CDS client JWT refused: {}", e.getMessage());
            contexts.clearContext();
            entryPoint.commence(request, response, new InvalidBearerTokenException("CDS client JWT refused"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new CdsClientAuthentication(clientId));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
