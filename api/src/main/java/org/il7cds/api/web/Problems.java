package org.il7cds.api.web;

import java.net.URI;
import java.util.List;
import org.il7cds.api.generated.model.FieldErrorDto;
import org.il7cds.api.generated.model.ProblemDto;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.RulesExecutionException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.dosing.ScheduleInfeasibleException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The kinds of problem this API answers with: one stable {@code type} URI, title and status each, as declared
 * in openapi.yaml. Nothing here carries a stack trace or an exception message of unknown content.
 */
public final class Problems {

    public static final String BASE = "https://il7cds.example/problems/";

    /** Every problem kind of the contract. */
    public enum Kind {
        MALFORMED_JSON("malformed-json", "Malformed JSON", HttpStatus.BAD_REQUEST),
        VALIDATION("validation", "Invalid input", HttpStatus.BAD_REQUEST),
        UNKNOWN_FIELD("unknown-field", "Unknown field", HttpStatus.BAD_REQUEST),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
        NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
        PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),
        BATCH_TOO_LARGE("batch-too-large", "Batch too large", HttpStatus.CONTENT_TOO_LARGE),
        UNKNOWN_PROTOCOL("unknown-protocol", "Unknown protocol", HttpStatus.NOT_FOUND),
        CALENDAR_REFUSED("calendar-refused", "Calendar refused", HttpStatus.UNPROCESSABLE_CONTENT),
        SCHEDULE_INFEASIBLE("schedule-infeasible", "Schedule infeasible", HttpStatus.UNPROCESSABLE_CONTENT),
        RULES_EXECUTION("rules-execution", "Rules execution failed", HttpStatus.INTERNAL_SERVER_ERROR),
        RULES_INVALID("rules-invalid", "Rules invalid", HttpStatus.UNPROCESSABLE_CONTENT),
        NO_PREVIOUS_VERSION("no-previous-version", "No previous version", HttpStatus.CONFLICT),
        RULES_VERSION_LABEL_TAKEN("rules-version-label-taken", "Rules version label taken", HttpStatus.CONFLICT),
        PROPOSAL_CLOSED("proposal-closed", "Proposal closed", HttpStatus.CONFLICT),
        SELF_APPROVAL("self-approval", "Self-approval", HttpStatus.CONFLICT),
        NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
        METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
        UNAUTHORIZED("unauthorized", "Unauthorized", HttpStatus.UNAUTHORIZED),
        FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
        TOO_MANY_REQUESTS("too-many-requests", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
        SERVER_BUSY("server-busy", "Server busy", HttpStatus.SERVICE_UNAVAILABLE),
        DECISION_RECORD_UNAVAILABLE("decision-record-unavailable", "Decision record unavailable",
                HttpStatus.SERVICE_UNAVAILABLE),
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

        /** The kind a framework status maps to when nothing more specific is known. */
        static Kind forStatus(int status) {
            return switch (status) {
                case 400 -> VALIDATION;
                case 401 -> UNAUTHORIZED;
                case 403 -> FORBIDDEN;
                case 404 -> NOT_FOUND;
                case 405 -> METHOD_NOT_ALLOWED;
                case 406 -> NOT_ACCEPTABLE;
                case 413 -> PAYLOAD_TOO_LARGE;
                case 415 -> UNSUPPORTED_MEDIA_TYPE;
                case 429 -> TOO_MANY_REQUESTS;
                default -> status >= 500 ? INTERNAL_ERROR : VALIDATION;
            };
        }
    }

    private Problems() {
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
