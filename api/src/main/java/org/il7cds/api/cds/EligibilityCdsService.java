package org.il7cds.api.cds;

import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.il7cds.api.fhir.FhirAssessmentMapper;
import org.il7cds.api.fhir.FhirProperties;
import org.il7cds.api.generated.api.EligibilityApi;
import org.il7cds.api.generated.model.AssessmentDto;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.il7cds.api.generated.model.CdsHookResponseDto;
import org.il7cds.api.records.DecisionRecording;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * patient-view: rhIL-7 eligibility of the patient whose chart is opened, against the rules' default protocol
 * ({@code bundle.yaml} defaultProtocol), one card per call. The prefetched (or fetched) resources are gathered into
 * one collection Bundle and assessed exactly as {@code POST /v1/eligibility/assessments} with a FHIR Bundle: mapped
 * by {@link FhirAssessmentMapper}, assessed and recorded by the JSON route (the record is an ordinary eligibility
 * assessment of the mapped candidate, replayable as one), then rendered as a card ({@link EligibilityCardMapper}).
 */
@Component
class EligibilityCdsService implements CdsService {

    static final String ID = "il7cds-eligibility";
    private static final String PATIENT = "{{context.patientId}}";

    private final EligibilityApi jsonRoute;
    private final ActiveRules rules;
    private final DecisionRecording recording;
    private final Validator validator;
    private final JsonMapper json;
    private final Map<String, String> prefetch = templates();

    private final FhirProperties fhir;

    EligibilityCdsService(EligibilityApi jsonRoute, ActiveRules rules, DecisionRecording recording,
            Validator validator, JsonMapper json, FhirProperties fhir) {
        this.fhir = fhir;
        this.jsonRoute = jsonRoute;
        this.rules = rules;
        this.recording = recording;
        this.validator = validator;
        this.json = json;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String hook() {
        return "patient-view";
    }

    @Override
    public String title() {
        return "rhIL-7 eligibility (default protocol)";
    }

    @Override
    public String description() {
        return "Assesses the patient's eligibility for rhIL-7 against the active rules' default protocol, criterion by"
                + " criterion, from the Patient, the labs by LOINC code, the ART history and the conditions. Missing"
                + " data is never read as a negative: the card says what would settle each open criterion and"
                + " suggests ordering the missing labs. A clinician decides.";
    }

    @Override
    public Map<String, String> prefetch() {
        return prefetch;
    }

    @Override
    public CdsHookResponseDto handle(CdsRequest request) {
        Map<String, Optional<IBaseResource>> data = request.resources(prefetch.keySet());
        Patient patient = data.get("patient").filter(Patient.class::isInstance).map(Patient.class::cast)
                .orElseThrow(() -> new PrefetchUnavailableException("The Patient of context.patientId is neither"
                        + " prefetched (key 'patient') nor on the FHIR server."));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setResource(patient);
        data.forEach((key, value) -> {
            if (!key.equals("patient")) {
                value.ifPresent(r -> add(bundle, key, r));
            }
        });
        ReferencedMedications.addTo(bundle, request);
        RuleSet set = rules.get();
        LocalDate today = LocalDate.now(recording.moment().clock());
        AssessmentRequestDto assessment = FhirAssessmentMapper.request(bundle, set, null, null, today, fhir,
                validator);
        // Exactly the JSON route from here: assess, record (before answering), count the verdict.
        ResponseEntity<?> answered = jsonRoute.assessEligibility(assessment, null, null);
        byte[] recorded = (byte[]) answered.getBody();
        AssessmentDto answer = json.readValue(recorded, AssessmentDto.class);
        return new CdsHookResponseDto(java.util.List.of(EligibilityCardMapper.card(answer,
                set.protocol(answer.getProtocolId()).orElseThrow().definition(), json)));
    }

    /** A search's matches (not its OperationOutcomes or included Patients) or a read's resource. */
    private static void add(Bundle into, String key, IBaseResource r) {
        if (r instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                Resource res = e.getResource();
                if (res != null && !(res instanceof OperationOutcome) && !(res instanceof Patient)) {
                    into.addEntry().setResource(res);
                }
            }
        } else if (r instanceof Resource res && !(res instanceof Patient)) {
            into.addEntry().setResource(res);
        } else if (!(r instanceof Patient)) {
            throw new CdsInputException("prefetch." + key + " is not an R4 resource");
        }
    }

    /** The templates: the Patient, the labs by the LOINC codes the mapping knows, ART history, conditions. */
    private static Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("patient", "Patient/" + PATIENT);
        for (String lab : java.util.List.of("cd4", "hivRna", "haematology", "creatinine", "pregnancy")) {
            t.put(lab, "Observation?patient=" + PATIENT + "&code=" + FhirAssessmentMapper.LAB_CODES.get(lab).stream()
                    .map(c -> FhirAssessmentMapper.LOINC + "|" + c).collect(Collectors.joining(",")));
        }
        t.put("medicationStatements", "MedicationStatement?patient=" + PATIENT);
        t.put("medicationRequests", "MedicationRequest?patient=" + PATIENT);
        t.put("medicationLists", "List?patient=" + PATIENT + "&code=" + FhirAssessmentMapper.LOINC + "|"
                + FhirAssessmentMapper.MEDICATION_LIST);
        t.put("conditions", "Condition?patient=" + PATIENT);
        return java.util.Collections.unmodifiableMap(t);
    }
}
