package org.il7cds.api.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.http.HttpResponse;
import java.util.Objects;

/** Validates requests and responses against the packaged openapi.yaml (the same file the server was generated from). */
public final class Contract {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(Objects.requireNonNull(Contract.class.getClassLoader()
                    .getResource("static/openapi.yaml"), "openapi.yaml is not packaged").toString())
            .build();

    private Contract() {
    }

    /** Fails with every message of the validator when the response does not match the documented operation. */
    public static void assertValid(String method, String path, HttpResponse<String> response) {
        assertValid(method, path, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }

    /** The same for a response read some other way (a raw socket). */
    public static void assertValid(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(status).withBody(body);
        if (contentType != null) {
            b.withContentType(contentType);
        }
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method), b.build());
        if (report.hasErrors()) {
            throw new AssertionError("response of " + method + " " + path + " (" + status
                    + ") does not match openapi.yaml:\n" + report.getMessages() + "\nbody: " + abbreviate(body));
        }
    }

    /** Fails when a request the tests send as valid is not valid by the contract. */
    public static void assertValidRequest(String method, String path, String body) {
        ValidationReport report = VALIDATOR.validateRequest(new SimpleRequest.Builder(method, path)
                .withContentType("application/json").withAccept("application/json")
                .withHeader("Authorization", TestKeys.PHARMACIST.authorization()).withBody(body).build());
        if (report.hasErrors()) {
            throw new AssertionError("request " + method + " " + path + " does not match openapi.yaml:\n"
                    + report.getMessages());
        }
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 2000 ? s : s.substring(0, 2000) + "...";
    }
}
