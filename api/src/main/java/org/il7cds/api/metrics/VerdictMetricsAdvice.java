package org.il7cds.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.il7cds.api.generated.model.AssessmentDto;
import org.il7cds.api.generated.model.BatchAssessmentResponseDto;
import org.il7cds.api.generated.model.BatchResultDto;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Counts every verdict as it is answered, from the response body itself, so that what is counted is exactly what
 * a client received: {@code il7cds_verdicts_total{protocol, verdict}}, one per assessed candidate, batches
 * included. The labels hold a protocol id and a verdict, never a candidate's id or value.
 */
@ControllerAdvice
public class VerdictMetricsAdvice implements ResponseBodyAdvice<Object> {

    /**
     * A request attribute holding the assessment answered when the body written is its recorded bytes (a single
     * assessment is recorded and returned as the very bytes that were digested).
     */
    public static final String ANSWERED_ASSESSMENT = VerdictMetricsAdvice.class.getName() + ".answered";

    /** The same for a batch, answered as bytes written once: the results whose assessments they hold. */
    public static final String ANSWERED_BATCH = VerdictMetricsAdvice.class.getName() + ".answeredBatch";

    static final String VERDICTS = "il7cds.verdicts";

    private final MeterRegistry registry;

    VerdictMetricsAdvice(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        Object answered = body;
        if (body instanceof byte[] && request instanceof ServletServerHttpRequest servlet) {
            // Recorded answers are written as the very bytes recorded; the controller leaves what they hold here.
            answered = servlet.getServletRequest().getAttribute(ANSWERED_ASSESSMENT);
            if (answered == null) {
                answered = servlet.getServletRequest().getAttribute(ANSWERED_BATCH);
            }
        }
        if (answered instanceof AssessmentDto a) {
            verdict(a);
        } else if (answered instanceof BatchAssessmentResponseDto batch && batch.getResults() != null) {
            for (BatchResultDto r : batch.getResults()) {
                if (r.getAssessment() != null) {
                    verdict(r.getAssessment());
                }
            }
        }
        return body;
    }

    private void verdict(AssessmentDto a) {
        Counter.builder(VERDICTS).description("Eligibility verdicts answered, one per candidate")
                .tag("protocol", a.getProtocolId()).tag("verdict", a.getVerdict().getValue())
                .register(registry).increment();
    }
}
