package org.il7cds.api.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.il7cds.api.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of a FHIR request: an RFC 9457 problem, or an OperationOutcome when the client accepts
 * application/fhir+json. It handles only this package's exceptions (raised by FHIR input wherever it comes: the
 * assessment's Bundle, a calendar's candidateBundle); every other error keeps the service's own handling.
 * The diagnostics name the resource and element, never a patient's value.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirProblemsAdvice {

    @ExceptionHandler(DataFormatException.class)
    ResponseEntity<?> malformed(DataFormatException e, HttpServletRequest request) {
        String detail = "the body is not a FHIR R4 resource HAPI FHIR can read: " + shorten(e.getMessage());
        return refuse(request, Problems.detail(Problems.Kind.MALFORMED_JSON, detail),
                OperationOutcome.IssueType.STRUCTURE);
    }

    @ExceptionHandler(FhirInputException.class)
    ResponseEntity<?> input(FhirInputException e, HttpServletRequest request) {
        return refuse(request, Problems.detail(Problems.Kind.VALIDATION, e.getMessage()),
                OperationOutcome.IssueType.INVALID);
    }

    @ExceptionHandler(FhirAssessmentController.FhirValidationException.class)
    ResponseEntity<?> invalid(FhirAssessmentController.FhirValidationException e, HttpServletRequest request) {
        return refuse(request, e.problem(), OperationOutcome.IssueType.INVALID, e.fields());
    }

    private static ResponseEntity<?> refuse(HttpServletRequest request, ProblemDetail p,
            OperationOutcome.IssueType type) {
        return refuse(request, p, type, null);
    }

    /** @param fields the problem's field errors as text, for the OperationOutcome (null: none) */
    private static ResponseEntity<?> refuse(HttpServletRequest request, ProblemDetail p,
            OperationOutcome.IssueType type, String fields) {
        if (FhirAssessmentController.wantsFhir(request.getHeader("Accept"))) {
            String text = fields == null ? p.getDetail() : p.getDetail() + ": " + fields;
            byte[] body = FhirJson.write(FhirAnswerMapper.outcome(type, text)).getBytes(StandardCharsets.UTF_8);
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(FhirJson.FHIR_JSON).body(body);
        }
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static String shorten(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 297) + "..." : t;
    }
}
