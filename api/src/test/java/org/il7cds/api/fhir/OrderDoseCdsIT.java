package org.il7cds.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.Timing;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestFhirServer;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * CDS Hooks order-select and order-sign (il7cds-order-select, il7cds-order-sign) on the real service: the draft rhIL-7
 * MedicationRequest of {@code context.draftOrders} checked against levy-2009 with the prefetched body weight; the
 * cards as the specification shapes them (openapi.yaml's CdsHookResponse), the suggested replacement valid R4, every
 * check recorded and replayed identically.
 */
class OrderDoseCdsIT extends ApiIT {

    private static final String SIGN = "/cds-services/il7cds-order-sign";
    private static final String SELECT = "/cds-services/il7cds-order-select";
    private static final String PATIENT = "CAND-ORD-1";
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    /** A draft order of levy-2009's course: SC, 3 a week, 8 doses from a Monday, with this dose. */
    private static MedicationRequest draft(String id, String medication, String dose, String ucum) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setMedication(new CodeableConcept().setText(medication));
        mr.setSubject(new Reference("Patient/" + PATIENT));
        Dosage d = mr.addDosageInstruction();
        d.setRoute(new CodeableConcept(new Coding("http://snomed.info/sct", "34206005", "Subcutaneous route")));
        Timing t = new Timing();
        t.getRepeat().setCount(8).setFrequency(3).setPeriod(BigDecimal.ONE).setPeriodUnit(Timing.UnitsOfTime.WK)
                .setBounds(new Period().setStartElement(new DateTimeType(MONDAY.toString())));
        d.setTiming(t);
        d.addDoseAndRate().setDose(new SimpleQuantity().setValue(new BigDecimal(dose)).setSystem(
                "http://unitsofmeasure.org").setCode(ucum).setUnit(ucum));
        return mr;
    }

    private Map<String, Object> call(String hook, List<MedicationRequest> drafts, Object weights,
            List<String> selections) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        drafts.forEach(d -> b.addEntry().setResource(d));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("userId", "Practitioner/example");
        context.put("patientId", PATIENT);
        if (selections != null) {
            context.put("selections", selections);
        }
        context.put("draftOrders", JSON.readValue(FhirJson.write(b), Map.class));
        Map<String, Object> prefetch = new LinkedHashMap<>();
        prefetch.put("bodyWeight", weights);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("hook", hook);
        request.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        request.put("context", context);
        request.put("prefetch", prefetch);
        return request;
    }

    /** A searchset of body weights: 70.45 kg three days before the first dose (and an older one). */
    private static Object weights() {
        Bundle s = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        s.addEntry().setResource(BodyWeights.bodyWeight("w1", PATIENT, "70.45", "kg", MONDAY.minusDays(3)));
        s.addEntry().setResource(BodyWeights.bodyWeight("w0", PATIENT, "68", "kg", MONDAY.minusDays(200)));
        return JSON.readValue(FhirJson.write(s), Map.class);
    }

    private JsonNode cards(String path, Map<String, Object> request) {
        HttpResponse<String> r = post(path, Bodies.toJson(request), "application/json", "application/json",
                TestKeys.SCREENER.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", path, r);
        return JSON.readTree(r.body()).get("cards");
    }

    @Test
    void discoveryListsBothOrderServicesWithTheBodyWeightPrefetch() {
        HttpResponse<String> r = get("/cds-services", "application/json", TestKeys.SCREENER.authorization());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode services = JSON.readTree(r.body()).get("services");
        Map<String, String> hooks = new LinkedHashMap<>();
        services.forEach(s -> hooks.put(s.get("id").asText(), s.get("hook").asText()));
        assertThat(hooks).containsEntry("il7cds-order-select", "order-select")
                .containsEntry("il7cds-order-sign", "order-sign");
        services.forEach(s -> {
            if (s.get("id").asText().startsWith("il7cds-order-")) {
                assertThat(s.get("prefetch").get("bodyWeight").asText()).contains("29463-7")
                        .contains("{{context.patientId}}");
            }
        });
    }

    @Test
    void aMatchingOrderGetsAnInfoCardAndItsCheckIsRecordedAndReplaysIdentically() {
        // 70.45 kg × 10 µg/kg = 704.5 µg, rounded half-up to 705 µg (levy-2009 dosing.doseRoundingIncrement)
        JsonNode cards = cards(SIGN, call("order-sign", List.of(draft("rx1", "rhIL-7", "705", "ug")), weights(),
                null));
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("summary").asText()).isEqualTo("rhIL-7 order matches levy-2009: 705 µg SC (10 µg/kg), 8 doses");
        assertThat(card.get("source").get("label").asText()).contains("J Clin Invest");
        assertThat(card.has("suggestions")).isFalse();
        JsonNode ext = card.get("extension").get("org.il7cds");
        assertThat(ext.get("status").asText()).isEqualTo("MATCHES");
        assertThat(ext.get("medicationRequest").asText()).isEqualTo("MedicationRequest/rx1");

        String decisionId = ext.get("decisionId").asText();
        HttpResponse<String> record = get("/v1/decisions/" + decisionId, "application/json",
                TestKeys.AUDITOR.authorization());
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        Contract.assertValid("GET", "/v1/decisions/" + decisionId, record);
        assertThat(JSON.readTree(record.body()).get("operation").asText()).isEqualTo("order-check");
        HttpResponse<String> replay = post("/v1/decisions/" + decisionId + "/replay", "", null, "application/json",
                TestKeys.AUDITOR.authorization());
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).get("identical").asBoolean()).as(replay.body()).isTrue();
    }

    @Test
    void aWrongDoseGetsAWarningWithAValidReplacementThatUpdatesTheDraft() {
        // 7 mg: ten times the 10 µg/kg dose
        JsonNode card = cards(SIGN, call("order-sign", List.of(draft("rx2", "CYT107", "7", "mg")), weights(), null))
                .get(0);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).isEqualTo("rhIL-7 order differs from levy-2009: dose total");
        assertThat(card.get("detail").asText()).contains("7000 µg").contains("705 µg")
                .contains("Dose per injection: weight × dose level");
        assertThat(card.get("selectionBehavior").asText()).isEqualTo("at-most-one");
        JsonNode action = card.get("suggestions").get(0).get("actions").get(0);
        assertThat(action.get("type").asText()).isEqualTo("update");
        JsonNode resource = action.get("resource");
        assertThat(resource.get("resourceType").asText()).isEqualTo("MedicationRequest");
        assertThat(resource.get("id").asText()).isEqualTo("rx2");
        JsonNode dosage = resource.get("dosageInstruction").get(0);
        assertThat(dosage.get("doseAndRate").get(0).get("doseQuantity").get("value").decimalValue())
                .isEqualByComparingTo("705");
        assertThat(dosage.get("doseAndRate").get(0).get("doseQuantity").get("code").asText()).isEqualTo("ug");
        assertThat(dosage.get("timing").get("event")).hasSize(8);
        R4Validation.assertValid(resource.toString());
        assertThat(card.get("extension").get("org.il7cds").get("status").asText()).isEqualTo("MISMATCH");
    }

    @Test
    void withoutABodyWeightTheCardSaysWhatIsMissingAndNeverMatches() {
        // The EHR found no data for the key (null, CDS Hooks 2.0) ...
        JsonNode card = cards(SIGN, call("order-sign", List.of(draft("rx3", "rhIL-7", "705", "ug")), null, null))
                .get(0);
        // ... or searched and found none (an empty searchset): the same card
        Object none = JSON.readValue(FhirJson.write(new Bundle().setType(Bundle.BundleType.SEARCHSET)), Map.class);
        assertThat(cards(SIGN, call("order-sign", List.of(draft("rx3", "rhIL-7", "705", "ug")), none, null)).get(0)
                .get("summary")).isEqualTo(card.get("summary"));
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).isEqualTo(
                "rhIL-7 order not checked against levy-2009: no usable body weight");
        assertThat(card.get("detail").asText()).contains("no body weight on or before 2026-12-07").contains("29463-7")
                .contains("bodyWeight");
        assertThat(card.has("suggestions")).isFalse();
        assertThat(card.get("extension").get("org.il7cds").get("status").asText()).isEqualTo("INCOMPLETE");
    }

    @Test
    void orderSelectChecksOnlyTheSelectedRhil7OrdersAndIgnoresOtherDrugs() {
        List<MedicationRequest> drafts = List.of(draft("rx4", "rhIL-7", "705", "ug"),
                draft("rx5", "rhIL-7", "5", "ug/kg"), draft("rx6", "dolutegravir", "50", "mg"));
        JsonNode cards = cards(SELECT, call("order-select", drafts, weights(), List.of("MedicationRequest/rx5",
                "MedicationRequest/rx6")));
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).get("extension").get("org.il7cds").get("medicationRequest").asText())
                .isEqualTo("MedicationRequest/rx5");
        assertThat(cards.get(0).get("detail").asText()).contains("DOSE_LEVEL").contains("3, 10 µg/kg");

        assertThat(cards(SELECT, call("order-select", drafts, weights(), List.of("MedicationRequest/rx6"))))
                .isEmpty();
    }

    @Test
    void anOrderCodedAsAReferenceToAMedicationOnTheFhirServerIsChecked() throws Exception {
        MedicationRequest byReference = draft("rx8", "rhIL-7", "705", "ug");
        byReference.setMedication(new Reference("Medication/rhil7-vial"));
        Medication vial = new Medication();
        vial.setId("rhil7-vial");
        vial.setCode(new CodeableConcept().setText("rhIL-7"));
        try (TestFhirServer fhir = new TestFhirServer()) {
            fhir.load(new Bundle().addEntry(new Bundle.BundleEntryComponent().setResource(vial)));
            Map<String, Object> request = call("order-sign", List.of(byReference), weights(), null);
            request.put("fhirServer", fhir.base());
            request.put("fhirAuthorization", Map.of("access_token", TestFhirServer.TOKEN, "token_type", "Bearer",
                    "expires_in", 300, "scope", "patient/Medication.read", "subject", "il7cds-order-sign"));
            JsonNode cards = cards(SIGN, request);
            assertThat(cards).hasSize(1);
            assertThat(cards.get(0).get("extension").get("org.il7cds").get("status").asText()).isEqualTo("MATCHES");
            assertThat(fhir.authorizations()).containsExactly("Bearer " + TestFhirServer.TOKEN);
        }
    }

    @Test
    void aDraftWithAPartialDoseDateIs400NamingTheElementNot500() {
        MedicationRequest partial = draft("rx9", "rhIL-7", "705", "ug");
        partial.getDosageInstructionFirstRep().getTiming().addEventElement().setValueAsString("2026-12");
        HttpResponse<String> r = post(SIGN, Bodies.toJson(call("order-sign", List.of(partial), weights(), null)),
                "application/json", "application/json", TestKeys.SCREENER.authorization());
        JsonNode problem = assertProblem(r, 400, "validation", "POST", SIGN);
        assertThat(problem.path("detail").asText()).contains("context.draftOrders")
                .contains("MedicationRequest/rx9: dosageInstruction[0].timing.event[0] is a partial date");
    }

    @Test
    void aLaterDraftRefusedLeavesNoRecordOfAnEarlierOnesCheck() {
        int before = orderChecksRecorded();
        MedicationRequest partial = draft("rx8", "rhIL-7", "705", "ug");
        partial.getDosageInstructionFirstRep().getTiming().addEventElement().setValueAsString("2026-12");
        HttpResponse<String> r = post(SIGN, Bodies.toJson(call("order-sign",
                List.of(draft("rx7", "rhIL-7", "705", "ug"), partial), weights(), null)),
                "application/json", "application/json", TestKeys.SCREENER.authorization());
        assertProblem(r, 400, "validation", "POST", SIGN);
        // rx7's check was never answered: it is not recorded either.
        assertThat(orderChecksRecorded()).isEqualTo(before);
    }

    private int orderChecksRecorded() {
        HttpResponse<String> list = get("/v1/decisions?operation=order-check&size=500", "application/json",
                TestKeys.AUDITOR.authorization());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return JSON.readTree(list.body()).path("decisions").size();
    }

    @Test
    void withoutTheWeightPrefetchNorAFhirServerTheAnswerIs412() {
        Map<String, Object> request = call("order-sign", List.of(draft("rx7", "rhIL-7", "705", "ug")), null, null);
        request.remove("prefetch");
        HttpResponse<String> r = post(SIGN, Bodies.toJson(request), "application/json", "application/json",
                TestKeys.SCREENER.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(412);
        assertThat(r.body()).contains("bodyWeight");
    }
}
