package org.il7cds.api.fhir;

import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.il7cds.api.generated.model.AssessmentDto;
import org.il7cds.api.generated.model.CriterionResultDto;

/**
 * The FHIR forms of the service's answers: an assessment as a GuidanceResponse (its identifier the decision id, one
 * note per criterion, the machine-readable verdict as a coded reason), a refusal as an OperationOutcome.
 */
final class FhirAnswerMapper {

    static final String SYSTEM = "https://il7cds.example/fhir";
    static final String VERDICT_SYSTEM = SYSTEM + "/CodeSystem/verdict";
    static final String CRITERION_STATUS_SYSTEM = SYSTEM + "/CodeSystem/criterion-status";

    private FhirAnswerMapper() {
    }

    static GuidanceResponse guidance(AssessmentDto a, String patientId, Date when) {
        GuidanceResponse g = new GuidanceResponse();
        g.setId(a.getDecisionId() == null ? UUID.randomUUID().toString() : a.getDecisionId());
        if (a.getDecisionId() != null) {
            g.setRequestIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986")
                    .setValue("urn:uuid:" + a.getDecisionId()));
        }
        g.setModule(new org.hl7.fhir.r4.model.UriType(SYSTEM + "/protocols/" + a.getProtocolId() + "|"
                + a.getRulesVersion()));
        g.setStatus(switch (a.getVerdict()) {
            case ELIGIBLE, NOT_ELIGIBLE -> GuidanceResponse.GuidanceResponseStatus.SUCCESS;
            default -> GuidanceResponse.GuidanceResponseStatus.DATAREQUIRED;
        });
        g.setSubject(new Reference("Patient/" + patientId));
        g.setOccurrenceDateTime(when);
        g.addReasonCode(new CodeableConcept(new Coding(VERDICT_SYSTEM, a.getVerdict().getValue(),
                a.getVerdict().getValue())).setText("verdict " + a.getVerdict().getValue() + " for protocol "
                        + a.getProtocolId() + ", rules " + a.getRulesVersion() + " (" + a.getRulesHash() + ")"));
        for (CriterionResultDto c : a.getCriteria()) {
            StringBuilder text = new StringBuilder().append(c.getId()).append(": ")
                    .append(c.getStatus().getValue());
            if (c.getObserved() != null) {
                text.append(" (observed ").append(c.getObserved()).append(')');
            }
            if (c.getSettleBy() != null) {
                text.append("; would settle it: ").append(c.getSettleBy());
            }
            text.append(". Source: ").append(c.getSource());
            g.addNote(new Annotation().setText(text.toString()));
        }
        return g;
    }

    static OperationOutcome outcome(OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome o = new OperationOutcome();
        o.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return o;
    }
}
