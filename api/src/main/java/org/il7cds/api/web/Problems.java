package org.il7cds.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.il7cds.api.generated.model.FieldErrorDto;
import org.il7cds.api.generated.model.ProblemDto;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.course.CycleNotIndicatedException;
import org.il7cds.engine.course.RetreatmentDecision;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.ScheduleInfeasibleException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kinds of problem this API answers with: one stable {@code type} URI, title and status each, as declared
 * in openapi.yaml. Nothing here carries a stack trace or an exception message of unknown content.
 */
public final class Problems {

    public static final String BASE = "https://il7cds.example/problems/";
    /** The longest request path this API answers to (and so the longest {@code instance} of a problem). */
    public static final int MAX_PATH_LENGTH = 2000;

    /** Every problem kind of the contract. */
    public enum Kind {
        MALFORMED_JSON("malformed-json", "Malformed JSON", HttpStatus.BAD_REQUEST),
        /** The HTTP request itself (request line, path, a header) is not one this service accepts. */
        MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
        VALIDATION("validation", "Invalid input", HttpStatus.BAD_REQUEST),
        UNKNOWN_FIELD("unknown-field", "Unknown field", HttpStatus.BAD_REQUEST),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
        NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
        REQUEST_TIMEOUT("request-timeout", "Request timeout", HttpStatus.REQUEST_TIMEOUT),
        PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
        BATCH_TOO_LARGE("batch-too-large", "Batch too large", HttpStatus.CONTENT_TOO_LARGE),
        HEADER_TOO_LARGE("header-too-large", "Request header too large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
        URI_TOO_LONG("uri-too-long", "URI too long", HttpStatus.URI_TOO_LONG),
        UNKNOWN_PROTOCOL("unknown-protocol", "Unknown protocol", HttpStatus.NOT_FOUND),
        CALENDAR_REFUSED("calendar-refused", "Calendar refused", HttpStatus.UNPROCESSABLE_CONTENT),
        /** No calendar for a new cycle: the re-treatment rules do not indicate one (and no override was given). */
        CYCLE_NOT_INDICATED("cycle-not-indicated", "Cycle not indicated", HttpStatus.UNPROCESSABLE_CONTENT),
        SCHEDULE_INFEASIBLE("schedule-infeasible", "Schedule infeasible", HttpStatus.UNPROCESSABLE_CONTENT),
        RULES_EXECUTION("rules-execution", "Rules execution failed", HttpStatus.INTERNAL_SERVER_ERROR),
        RULES_INVALID("rules-invalid", "Rules invalid", HttpStatus.UNPROCESSABLE_CONTENT),
        NO_PREVIOUS_VERSION("no-previous-version", "No previous version", HttpStatus.CONFLICT),
        RULES_VERSION_LABEL_TAKEN("rules-version-label-taken", "Rules version label taken", HttpStatus.CONFLICT),
        PROPOSAL_CLOSED("proposal-closed", "Proposal closed", HttpStatus.CONFLICT),
        SELF_APPROVAL("self-approval", "Self-approval", HttpStatus.CONFLICT),
        NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
        /** CDS Hooks: prefetched data missing and not fetchable from the client's FHIR server. */
        PREFETCH_UNAVAILABLE("prefetch-unavailable", "Prefetch unavailable", HttpStatus.PRECONDITION_FAILED),
        METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
        UNAUTHORIZED("unauthorized", "Unauthorized", HttpStatus.UNAUTHORIZED),
        FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
        TOO_MANY_REQUESTS("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
        SERVER_BUSY("server-busy", "Server busy", HttpStatus.SERVICE_UNAVAILABLE),
        DECISION_RECORD_UNAVAILABLE("decision-record-unavailable", "Decision record unavailable",
                HttpStatus.SERVICE_UNAVAILABLE),
        /** A transfer coding or HTTP version the service does not implement (Tomcat's 501, or 505 for a version). */
        NOT_IMPLEMENTED("not-implemented", "Not implemented", HttpStatus.NOT_IMPLEMENTED),
        INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

        private final String slug;
        private final String title;
        private final HttpStatus status;

        Kind(String slug, String title, HttpStatus status) {
            this.slug = slug;
            this.title = title;
            this.status = status;
        }

        public URI type() {
            return URI.create(BASE + slug);
        }

        public String title() {
            return title;
        }

        public HttpStatus status() {
            return status;
        }

        /**
         * The kind a framework status maps to when nothing more specific is known. A 400 is {@code validation} here
         * (Spring MVC's own 400s are about input); one from Tomcat or the firewall is {@link #forProtocolStatus}.
         */
        static Kind forStatus(int status) {
            return switch (status) {
                case 400 -> VALIDATION;
                case 401 -> UNAUTHORIZED;
                case 403 -> FORBIDDEN;
                case 404 -> NOT_FOUND;
                case 405 -> METHOD_NOT_ALLOWED;
                case 406 -> NOT_ACCEPTABLE;
                case 408 -> REQUEST_TIMEOUT;
                case 413 -> PAYLOAD_TOO_LARGE;
                case 414 -> URI_TOO_LONG;
                case 415 -> UNSUPPORTED_MEDIA_TYPE;
                case 429 -> TOO_MANY_REQUESTS;
                case 431 -> HEADER_TOO_LARGE;
                case 501, 505 -> NOT_IMPLEMENTED;
                default -> status >= 500 ? INTERNAL_ERROR : VALIDATION;
            };
        }

        /** The kind of an error found before the application saw the request (Tomcat, the firewall). */
        static Kind forProtocolStatus(int status) {
            return status == 400 ? MALFORMED_REQUEST : forStatus(status);
        }
    }

    private Problems() {
    }

    /** The detail of an error Tomcat, the firewall or the servlet container found; constant text only. */
    public static String protocolDetail(Kind kind) {
        return switch (kind) {
            case MALFORMED_REQUEST -> "The request could not be processed: its request line, path or a header is not"
                    + " well-formed HTTP for this service.";
            case HEADER_TOO_LARGE -> "The request line and headers are larger than this service accepts.";
            case URI_TOO_LONG -> "The request path is longer than " + MAX_PATH_LENGTH + " characters.";
            case REQUEST_TIMEOUT -> "The request body did not arrive in time; send it again in one go.";
            case NOT_IMPLEMENTED -> "The request uses a transfer coding or HTTP version this service does not"
                    + " implement.";
            case METHOD_NOT_ALLOWED -> "This path does not support the method.";
            case NOT_FOUND -> "There is no resource at this path.";
            case INTERNAL_ERROR -> "An unexpected error occurred; no result was produced.";
            default -> "The request could not be processed.";
        };
    }

    /**
     * Answers a request with this problem from a filter (before Spring MVC), with the request path as
     * {@code instance} where it is a valid URI reference of at most {@link #MAX_PATH_LENGTH} characters.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail p,
            JsonMapper json) throws IOException {
        String path = request.getRequestURI();
        if (path != null && path.length() <= MAX_PATH_LENGTH) {
            try {
                p.setInstance(URI.create(path));
            } catch (IllegalArgumentException ignored) {
                // not a valid URI reference: leave instance out
            }
        }
        response.setStatus(p.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(p));
    }

    /** The problem as a response: its status, {@code application/problem+json}. */
    public static ResponseEntity<Object> response(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    public static ProblemDetail detail(Kind kind, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(kind.status(), detail);
        p.setType(kind.type());
        p.setTitle(kind.title());
        return p;
    }

    public static ProblemDetail validation(List<FieldErrorDto> errors) {
        ProblemDetail p = detail(Kind.VALIDATION, describe(errors.size()));
        p.setProperty("errors", errors);
        return p;
    }

    /** The problem entry of one candidate of a batch. */
    public static ProblemDto itemValidation(List<FieldErrorDto> errors) {
        return new ProblemDto(Kind.VALIDATION.type(), Kind.VALIDATION.title(), Kind.VALIDATION.status().value())
                .detail(describe(errors.size())).errors(errors);
    }

    /** The detail of a 422 calendar-refused problem: why there is no calendar. */
    public static String calendarRefused(CalendarRefusedException e) {
        return "No calendar: the candidate is " + e.assessment().verdict() + " for " + e.assessment().protocolId()
                + ". A calendar needs an ELIGIBLE candidate, or an override with a coded reason and who authorised it."
                + " See the assessment." + (e.reason() == null ? "" : " The rules say: " + e.reason() + ".");
    }

    /** The detail of a 422 cycle-not-indicated problem: why there is no calendar for the new cycle, and until when. */
    public static String cycleNotIndicated(CycleNotIndicatedException e) {
        RetreatmentDecision d = e.decision();
        return "No calendar: a new cycle of " + d.assessment().protocolId() + " is " + d.decision() + " as of "
                + d.assessment().asOf() + ", the first injection date."
                + (d.earliestDate() == null ? "" : " The earliest date it could be indicated is " + d.earliestDate() + ".")
                + (d.settleBy().isEmpty() ? "" : " What would settle it: " + String.join("; ", d.settleBy()) + ".")
                + " See retreatment; an override with a coded reason and who authorised it allows a calendar.";
    }

    /** The kind of problem an engine exception answers with (a replay that fails says which). */
    public static Kind kindOf(RuntimeException e) {
        if (e instanceof InvalidInputException) {
            return Kind.VALIDATION;
        }
        if (e instanceof UnknownProtocolException) {
            return Kind.UNKNOWN_PROTOCOL;
        }
        if (e instanceof ScheduleInfeasibleException) {
            return Kind.SCHEDULE_INFEASIBLE;
        }
        if (e instanceof CycleNotIndicatedException) {
            return Kind.CYCLE_NOT_INDICATED;
        }
        if (e instanceof CalendarRefusedException) {
            return Kind.CALENDAR_REFUSED;
        }
        return e instanceof RulesExecutionException ? Kind.RULES_EXECUTION : Kind.INTERNAL_ERROR;
    }

    public static List<FieldErrorDto> fieldErrors(List<FieldProblem> problems) {
        return problems.stream().map(p -> new FieldErrorDto(p.field(), p.message())).toList();
    }

    private static String describe(int count) {
        return count == 1 ? "The request has 1 invalid field." : "The request has " + count + " invalid fields.";
    }
}
