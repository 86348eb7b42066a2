package org.il7cds.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.MediaType;

/** HAPI FHIR's R4 context (built once: it is costly and thread-safe) and strict JSON parsers. */
public final class FhirJson {

    public static final String MEDIA_TYPE = "application/fhir+json";
    public static final MediaType FHIR_JSON = MediaType.parseMediaType(MEDIA_TYPE);
    private static final FhirContext R4 = FhirContext.forR4Cached();

    private FhirJson() {
    }

    public static FhirContext context() {
        return R4;
    }

    /** A parser that refuses unknown elements and wrong value types (HAPI's StrictErrorHandler): a 400, not a guess. */
    public static <T extends IBaseResource> T parse(Class<T> type, String json) {
        IParser parser = R4.newJsonParser();
        parser.setParserErrorHandler(new StrictErrorHandler());
        return parser.parseResource(type, json);
    }

    /** A resource of any type, parsed as strictly as {@link #parse}. */
    public static IBaseResource parseAny(String json) {
        IParser parser = R4.newJsonParser();
        parser.setParserErrorHandler(new StrictErrorHandler());
        return parser.parseResource(json);
    }

    public static String write(IBaseResource resource) {
        return R4.newJsonParser().encodeResourceToString(resource);
    }
}
