package org.il7cds.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The latency of each operation, as a Prometheus histogram: {@code il7cds_operation_seconds{operation, status}},
 * where {@code operation} is the operation id of openapi.yaml (the generated interface's method:
 * {@code assessEligibility}, {@code createDosingCalendar}, ...) or a page's handler, and {@code status} the HTTP
 * status. It times a request from the moment Spring MVC hands it to its operation (the body is read and the answer
 * written inside) to the end of the answer; a request refused before that (401, 403, 413, 429, batch admission)
 * runs no operation and is not timed. This interceptor replaces Spring's per-request observations, which stay off
 * (application.yaml: they cost more than the rules).
 */
@Configuration(proxyBeanMethods = false)
class OperationMetrics implements WebMvcConfigurer {

    static final String OPERATIONS = "il7cds.operation";
    private static final String START = OperationMetrics.class.getName() + ".start";

    private final MeterRegistry registry;

    OperationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void addInterceptors(InterceptorRegistry interceptors) {
        interceptors.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod) {
                    request.setAttribute(START, System.nanoTime());
                }
                return true;
            }

            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                    Exception ex) {
                if (handler instanceof HandlerMethod method && request.getAttribute(START) instanceof Long start) {
                    Timer.builder(OPERATIONS).description("Time to answer an operation, from its handler on")
                            .tag("operation", method.getMethod().getName())
                            .tag("status", Integer.toString(response.getStatus()))
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                            .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            }
        });
    }
}
