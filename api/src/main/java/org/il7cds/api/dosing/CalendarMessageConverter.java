package org.il7cds.api.dosing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.il7cds.engine.dosing.CalendarFormats;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Writes a calendar as {@code text/calendar} (RFC 5545, engine's CalendarFormats) or {@code text/csv} (RFC 4180),
 * in UTF-8 and as an attachment named after the calendar ({@code <calendarId>.ics} or {@code .csv}): the
 * representations of a calendar resource other than its JSON. Write-only.
 */
final class CalendarMessageConverter extends AbstractHttpMessageConverter<RenderedCalendar> {

    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar");
    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    CalendarMessageConverter() {
        super(StandardCharsets.UTF_8, TEXT_CALENDAR, TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return RenderedCalendar.class.isAssignableFrom(type);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected RenderedCalendar readInternal(Class<? extends RenderedCalendar> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("a calendar is never read as text/calendar or text/csv", input);
    }

    @Override
    protected void addDefaultHeaders(HttpHeaders headers, RenderedCalendar c, MediaType type) throws IOException {
        super.addDefaultHeaders(headers, c, type);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(c.calendar().calendarId() + (isCsv(type) ? ".csv" : ".ics")).build());
    }

    @Override
    protected void writeInternal(RenderedCalendar c, HttpOutputMessage output) throws IOException {
        MediaType type = output.getHeaders().getContentType();
        String text = isCsv(type) ? CalendarFormats.toCsv(c.calendar())
                : CalendarFormats.toICalendar(c.calendar(), c.made());
        output.getBody().write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isCsv(MediaType type) {
        return type != null && TEXT_CSV.equalsTypeAndSubtype(type);
    }

    /** Puts the converter ahead of Spring's defaults, for the server's responses. */
    @Configuration(proxyBeanMethods = false)
    static class Registration implements WebMvcConfigurer {
        @Override
        public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
            builder.addCustomConverter(new CalendarMessageConverter());
        }
    }
}
