package org.il7cds.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request path above {@link Problems#MAX_PATH_LENGTH} characters with 414 uri-too-long, before
 * authentication. Every path of the API is far shorter; a longer one came back as the problem's {@code instance},
 * past the 2000 characters openapi.yaml declares for it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5) // inside AccessLogFilter, so a 414 is logged too
class PathLengthFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    PathLengthFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().length() > Problems.MAX_PATH_LENGTH) {
            Problems.Kind kind = Problems.Kind.URI_TOO_LONG;
            Problems.write(request, response, Problems.detail(kind, Problems.protocolDetail(kind)), json);
            return;
        }
        chain.doFilter(request, response);
    }
}
