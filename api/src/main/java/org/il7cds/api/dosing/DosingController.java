package org.il7cds.api.dosing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.il7cds.api.generated.api.DosingApi;
import org.il7cds.api.generated.model.CalendarRequestDto;
import org.il7cds.api.generated.model.DosingCalendarDto;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.dosing.CalendarFormats;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.DosingEngine;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.bind.annotation.RestController;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** POST /v1/dosing/calendars: one calendar as JSON, iCalendar or CSV, as the client's Accept header asks. */
@RestController
class DosingController implements DosingApi {

    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar");
    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
    private static final List<MediaType> REPRESENTATIONS = List.of(MediaType.APPLICATION_JSON, TEXT_CALENDAR, TEXT_CSV);

    private final DosingEngine engine;
    private final ContentNegotiationManager negotiation;
    private final HttpServletRequest currentRequest;

    DosingController(DosingEngine engine, ContentNegotiationManager mvcContentNegotiationManager,
            HttpServletRequest currentRequest) {
        this.engine = engine;
        this.negotiation = mvcContentNegotiationManager;
        this.currentRequest = currentRequest;
    }

    @Override
    public ResponseEntity<DosingCalendarDto> createDosingCalendar(CalendarRequestDto body) {
        MediaType representation = representation();
        DosingMapper.MappedRequest mapped = DosingMapper.toRequest(body);
        DosingCalendar calendar;
        try {
            calendar = engine.plan(mapped.request());
        } catch (InvalidInputException e) {
            throw mapped.translate(e);
        }
        if (TEXT_CALENDAR.equalsTypeAndSubtype(representation)) {
            return text(CalendarFormats.toICalendar(calendar), TEXT_CALENDAR, calendar.calendarId() + ".ics");
        }
        if (TEXT_CSV.equalsTypeAndSubtype(representation)) {
            return text(CalendarFormats.toCsv(calendar), TEXT_CSV, calendar.calendarId() + ".csv");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DosingMapper.toDto(calendar));
    }

    /** The first of the client's acceptable media types (by quality, then specificity) that we produce. */
    private MediaType representation() {
        List<MediaType> accepted;
        try {
            accepted = negotiation.resolveMediaTypes(new ServletWebRequest(currentRequest));
        } catch (HttpMediaTypeNotAcceptableException e) {
            accepted = List.of(MediaType.ALL);
        }
        for (MediaType a : accepted) {
            for (MediaType r : REPRESENTATIONS) {
                if (a.isCompatibleWith(r)) {
                    return r;
                }
            }
        }
        // Only application/problem+json was acceptable (the mapping lets it through): answer JSON.
        return MediaType.APPLICATION_JSON;
    }

    /**
     * The generated interface types the 200 body as the JSON DTO; the text representations are the same
     * resource as a String, written by Spring's String converter (the cast is safe: generics are erased and
     * the converter is chosen by the body's runtime type).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<DosingCalendarDto> text(String body, MediaType type, String filename) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType(type, StandardCharsets.UTF_8));
        headers.setContentDisposition(ContentDisposition.attachment().filename(filename).build());
        return (ResponseEntity) ResponseEntity.ok().headers(headers).body(body);
    }
}
