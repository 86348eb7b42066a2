package org.il7cds.api.records;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Type;
import org.il7cds.engine.records.DecisionRecorder;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Announces each request to the decision recorder once its body has been read ({@link DecisionRecorder#expect}), so
 * that a commit can wait for the decisions of the requests already being answered instead of committing a few at a
 * time. Announced after the body, not on arrival: a client sending its body slowly holds no commit back. A request
 * that records nothing (a refusal, a rules activation) is settled when it ends ({@link Closing}) and can hold a
 * commit back by at most {@code il7cds.records.gather-wait}.
 */
@ControllerAdvice
class DecisionExpectations extends RequestBodyAdviceAdapter {

    private static final String ATTRIBUTE = DecisionExpectations.class.getName();

    private final DecisionRecorder recorder;

    DecisionExpectations(DecisionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
            Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) == null) {
            request.setAttribute(ATTRIBUTE, recorder.expect(), RequestAttributes.SCOPE_REQUEST);
        }
        return body;
    }

    /** Settles a request's announcement when the request ends, whatever became of it. */
    @org.springframework.stereotype.Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 6) // outside the rest of the chain: settles whatever the chain did
    static class Closing extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                chain.doFilter(request, response);
            } finally {
                if (request.getAttribute(ATTRIBUTE) instanceof DecisionRecorder.Expectation expected) {
                    expected.close();
                }
            }
        }
    }
}
