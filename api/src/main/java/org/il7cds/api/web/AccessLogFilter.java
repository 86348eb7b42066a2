package org.il7cds.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.il7cds.engine.rules.ActiveRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * One line per request on logger {@code org.il7cds.access}: client id, operation as method and route pattern
 * ({@code POST /v1/eligibility/assessments}, {@code GET /v1/protocols/{protocolId}}), status, duration and the
 * rules version answering. Never the request path itself, a query string, a header or a body: a path or a query
 * may carry a pseudonymous id, a body carries clinical values. A request that matches no route is logged as
 * {@code (unmatched)}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessLogFilter extends OncePerRequestFilter {

    static final String LOGGER = "org.il7cds.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final ObjectProvider<ActiveRules> rules;
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile List<PathPattern> routes;

    AccessLogFilter(ObjectProvider<ActiveRules> rules, ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.rules = rules;
        this.mappings = mappings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isInfoEnabled()) {
                long ms = (System.nanoTime() - start) / 1_000_000;
                try {
                    Object client = request.getAttribute(RequestAttributes.CLIENT_ID);
                    ActiveRules active = rules.getIfAvailable();
                    log.info("client={} op=\"{} {}\" status={} durationMs={} rules={}", client == null ? "-" : client,
                            METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER", route(request),
                            response.getStatus(), ms, active == null ? "-" : active.get().version());
                } catch (RuntimeException e) {
                    // The access log never fails a request that has been answered.
                    log.warn("access log line not written: {}", e.getClass().getName());
                }
            }
        }
    }

    /** The route pattern the request matched, never the path itself. */
    private String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            return pattern.toString();
        }
        // Refused before Spring MVC (401, 403, 413, 429): find the route it would have matched.
        PathContainer path;
        try {
            path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        } catch (RuntimeException e) {
            return "(unmatched)";
        }
        return routes().stream().filter(p -> p.matches(path)).min(PathPattern.SPECIFICITY_COMPARATOR)
                .map(PathPattern::getPatternString).orElse("(unmatched)");
    }

    private List<PathPattern> routes() {
        List<PathPattern> known = routes;
        if (known == null) {
            known = mappings.orderedStream().flatMap(m -> m.getHandlerMethods().keySet().stream())
                    .map(RequestMappingInfo::getPathPatternsCondition).filter(Objects::nonNull)
                    .flatMap(c -> c.getPatterns().stream()).distinct()
                    .sorted(Comparator.comparing(PathPattern::getPatternString)).toList();
            routes = known;
        }
        return known;
    }
}
