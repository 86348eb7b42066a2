package org.il7cds.api.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.il7cds.api.generated.model.BatchAssessmentRequestDto;
import org.il7cds.api.generated.model.FieldErrorDto;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.records.DecisionRecordUnavailableException;
import org.il7cds.engine.records.DecisionRecordsNotReadableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every error of the API, as an RFC 9457 problem with a stable type (see {@link Problems}): Spring MVC's own
 * exceptions (unreadable JSON, 404/405/406/415, validation) through {@link ResponseEntityExceptionHandler}, the
 * engine's exceptions, and a catch-all. A feature's own exceptions are answered by that feature's advice
 * ({@code DosingProblemsAdvice}, {@code RecordsProblemsAdvice}, {@code RulesProblemsAdvice}), ordered before this
 * one, so that this package depends on no feature. Client input never yields a 5xx. Logs name the problem kind and the
 * exception class only: exception messages may carry clinical values or pseudonymous ids.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    static final int MAX_BATCH = 1000;
    /** FieldError.field's maxLength in openapi.yaml. */
    private static final int MAX_FIELD_LENGTH = 500;
    private static final String DIGITS = "is out of range: a number has at most " + StrictScalars.MAX_DIGITS
            + " digits before and " + StrictScalars.MAX_DIGITS + " after the decimal point";

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException e) {
        return problem(Problems.validation(Problems.fieldErrors(e.problems())));
    }

    @ExceptionHandler(UnknownProtocolException.class)
    ResponseEntity<Object> unknownProtocol(UnknownProtocolException e) {
        String message = e.getMessage();
        return problem(Problems.detail(Problems.Kind.UNKNOWN_PROTOCOL,
                Character.toUpperCase(message.charAt(0)) + message.substring(1) + "."));
    }

    /**
     * Not answered: the record of the answer could not be written (the recorder logged why, without values); or,
     * for a read of the records, some records are not in the database yet.
     */
    @ExceptionHandler(DecisionRecordUnavailableException.class)
    ResponseEntity<Object> decisionRecordUnavailable(DecisionRecordUnavailableException e) {
        String detail = e instanceof DecisionRecordsNotReadableException
                ? "The decision records are not all readable yet (the latest are still being copied into the"
                        + " database); nothing was lost. Send the request again in 5 s."
                : "The answer could not be recorded (the decision store failed or did not commit in time), so it is"
                        + " not given. Send the request again in 5 s.";
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.detail(Problems.Kind.DECISION_RECORD_UNAVAILABLE, detail));
    }

    /**
     * A defect of the active rules (runaway, contradiction), not of the request and not temporary: 500 rather
     * than 503, because retrying the same request gives the same failure until the rules are fixed.
     */
    @ExceptionHandler(RulesExecutionException.class)
    ResponseEntity<Object> rulesExecution(RulesExecutionException e, WebRequest request) {
        logServerFault(Problems.Kind.RULES_EXECUTION, e, request);
        return problem(Problems.detail(Problems.Kind.RULES_EXECUTION, "The active rules could not produce an answer"
                + " for this request; no verdict was produced. The rules' maintainers have to fix the rules."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        logServerFault(Problems.Kind.INTERNAL_ERROR, e, request);
        return problem(Problems.detail(Problems.Kind.INTERNAL_ERROR, "An unexpected error occurred; no result was produced."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // The body limits first: Jackson wraps the stream's exception in its own, which the loop below would
        // answer as a bad field (a chunked body over the limit got 400 that way, where 413 is due).
        for (Throwable t = ex.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.PayloadTooLargeException big) {
                return problem(Problems.detail(Problems.Kind.PAYLOAD_TOO_LARGE, BodySizeLimitFilter.tooLarge(big.maxBytes())));
            }
            if (t instanceof BodySizeLimitFilter.BodyReadTimeoutException slow) {
                return problem(Problems.detail(Problems.Kind.REQUEST_TIMEOUT, BodySizeLimitFilter.tooSlow(slow.timeout())));
            }
        }
        for (Throwable t = ex.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException u) {
                ProblemDetail p = Problems.detail(Problems.Kind.UNKNOWN_FIELD,
                        "The request has a field this API does not define: " + path(u) + ".");
                p.setProperty("errors", List.of(new FieldErrorDto(path(u), "is not a field of this object (a typo?);"
                        + " known fields: " + known(u.getKnownPropertyIds()))));
                return problem(p);
            }
            if (t instanceof StrictScalars.DigitsOutOfRangeException d) {
                return problem(Problems.validation(List.of(new FieldErrorDto(path(d), DIGITS))));
            }
            if (t instanceof LimitLocatingContexts.LocatedLimitException l && l.isNumberLength()
                    && l.field().length() <= MAX_FIELD_LENGTH) {
                return problem(Problems.validation(List.of(new FieldErrorDto(l.field(), DIGITS))));
            }
            if (t instanceof ValueInstantiationException v) {
                return wrongType(path(v), expected(v.getType() == null ? null : v.getType().getRawClass()));
            }
            if (t instanceof MismatchedInputException m) {
                return wrongType(path(m), expected(m.getTargetType()));
            }
            if (t instanceof InputCoercionException c) {
                return wrongType(path(c), "a number within the range of the field");
            }
            if (t instanceof StreamConstraintsException) {
                return problem(Problems.detail(Problems.Kind.MALFORMED_JSON,
                        "The JSON exceeds a parser limit (nesting depth, number or string length)."));
            }
            if (t instanceof StreamReadException r) {
                String what = r.getMessage() != null && r.getMessage().startsWith("Duplicate") ? "has a duplicated key"
                        : "is not well-formed JSON";
                String where = r.getLocation() == null ? "" : " (line " + r.getLocation().getLineNr() + ", column "
                        + r.getLocation().getColumnNr() + ")";
                return problem(Problems.detail(Problems.Kind.MALFORMED_JSON, "The request body " + what + where + "."));
            }
            if (t instanceof JacksonException j) {
                return wrongType(path(j), "a value of the documented type");
            }
        }
        return problem(Problems.detail(Problems.Kind.MALFORMED_JSON,
                "The request body is missing or is not a JSON document of the documented shape."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getTarget() instanceof BatchAssessmentRequestDto batch && batch.getCandidates() != null
                && batch.getCandidates().size() > MAX_BATCH) {
            return problem(Problems.detail(Problems.Kind.BATCH_TOO_LARGE, "A batch holds at most " + MAX_BATCH
                    + " candidates; this one has " + batch.getCandidates().size() + ". Split it."));
        }
        List<FieldErrorDto> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().stream()
                .sorted(java.util.Comparator.comparing(FieldError::getField))
                .forEach(f -> errors.add(new FieldErrorDto(f.getField(), String.valueOf(f.getDefaultMessage()))));
        ex.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(new FieldErrorDto("", String.valueOf(g.getDefaultMessage()))));
        return problem(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldErrorDto> errors = new ArrayList<>();
        for (ParameterValidationResult r : ex.getParameterValidationResults()) {
            String name = r.getMethodParameter().getParameterName();
            if (r instanceof ParameterErrors pe) {
                pe.getFieldErrors().forEach(f -> errors.add(new FieldErrorDto(f.getField(), String.valueOf(f.getDefaultMessage()))));
            } else {
                r.getResolvableErrors().forEach(e -> errors.add(new FieldErrorDto(name == null ? "" : name,
                        String.valueOf(e.getDefaultMessage()))));
            }
        }
        return problem(Problems.validation(errors));
    }

    /** Spring MVC's own problems (404, 405, 406, 415, ...): give them this API's type, title and media type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail p = body instanceof ProblemDetail pd ? pd : ProblemDetail.forStatus(statusCode);
        if (p.getType() == null || "about:blank".equals(p.getType().toString())) {
            Problems.Kind kind = Problems.Kind.forStatus(statusCode.value());
            p.setType(kind.type());
            p.setTitle(kind.title());
            switch (kind) {
                case NOT_FOUND -> p.setDetail("There is no resource at this path.");
                case NOT_ACCEPTABLE -> p.setDetail("None of the media types in Accept can be produced here;"
                        + " see the Accept header of this response.");
                case METHOD_NOT_ALLOWED -> p.setDetail("This path does not support the method; see the Allow header.");
                case UNSUPPORTED_MEDIA_TYPE -> p.setDetail("The request body must be application/json.");
                default -> {
                    if (p.getDetail() == null) {
                        p.setDetail(kind.title() + ".");
                    }
                }
            }
        }
        if (statusCode.is5xxServerError()) {
            logServerFault(Problems.Kind.INTERNAL_ERROR, ex, request);
        }
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(p, out, statusCode);
    }

    private ResponseEntity<Object> wrongType(String field, String expected) {
        return problem(Problems.validation(List.of(new FieldErrorDto(field, "has the wrong type or format: expected "
                + expected))));
    }

    private static ResponseEntity<Object> problem(ProblemDetail p) {
        return Problems.response(p);
    }

    /** The JSON path of a Jackson error as the request names it: {@code candidate.hivRna[0].value}. */
    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "[]" : ids.stream().map(String::valueOf).sorted().toList().toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return type == Integer.class || type == Long.class || type == int.class || type == long.class
                    ? "a whole number" : "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.getName().startsWith("org.il7cds.")) {
            return "an object";
        }
        return "a value of the documented type";
    }

    private static String route(ServletWebRequest s) {
        Object pattern = s.getRequest().getAttribute(org.springframework.web.servlet.HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern == null ? "(unmatched route)" : pattern.toString();
    }

    private static void logServerFault(Problems.Kind kind, Throwable e, WebRequest request) {
        // The route pattern, never the request URI: a path may carry an identifier.
        String where = request instanceof ServletWebRequest s ? s.getRequest().getMethod() + " " + route(s) : "";
        StackTraceElement top = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        // The exception message is withheld on purpose: it may carry clinical values or pseudonymous ids.
        log.error("{} on {}: {} at {}", kind.type(), where, e.getClass().getName(), top);
    }
}
