package org.il7cds.api.records;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Keeps the bytes of a single assessment's JSON body as received, so that its decision record holds the request
 * exactly as the client sent it instead of the request serialised a second time (about 20 µs of CPU per answer,
 * bench/RESULTS.md, seventh session). Kept only for the body object Jackson read them into ({@link #text}): the same
 * operation called with another object (CDS Hooks, a FHIR Bundle mapped to a request) records that object
 * serialised, and only for UTF-8 bodies (JSON's encoding; a record's text is UTF-8).
 */
@ControllerAdvice
class ReceivedRequests extends RequestBodyAdviceAdapter {

    private static final String ATTRIBUTE = ReceivedRequests.class.getName();

    /** The body object and the bytes it was read from. */
    private record Received(Object body, byte[] bytes) {
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == AssessmentRequestDto.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        MediaType type = input.getHeaders().getContentType();
        Charset charset = type == null ? null : type.getCharset();
        if (charset != null && !StandardCharsets.UTF_8.equals(charset)) {
            return input;
        }
        // The body is bounded (BodySizeLimitFilter: il7cds.max-body-bytes) before it reaches here.
        byte[] bytes = input.getBody().readAllBytes();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, bytes, RequestAttributes.SCOPE_REQUEST);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof byte[] b) {
            request.setAttribute(ATTRIBUTE, new Received(body, b), RequestAttributes.SCOPE_REQUEST);
        }
        return body;
    }

    /** The text {@code body} was read from in the current request, or null when it was not read from one. */
    static String text(Object body) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Received r
                && r.body() == body) {
            return new String(r.bytes(), StandardCharsets.UTF_8);
        }
        return null;
    }
}
