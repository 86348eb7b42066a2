package org.il7cds.api.cds;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.il7cds.api.fhir.FhirAssessmentMapper;
import org.il7cds.api.fhir.FhirJson;
import org.il7cds.api.fhir.R4Validation;
import org.il7cds.api.fhir.ScenarioBundles;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestCdsClient;
import org.il7cds.api.support.TestFhirServer;
import org.il7cds.api.support.TestKeys;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.scenarios.EligibilityScenario;
import org.il7cds.engine.scenarios.EligibilityScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * CDS Hooks 2.0 end to end: discovery and patient-view against the shapes of the specification, prefetch given,
 * partly given and fetched from a real HAPI FHIR plain server (stopped at the end for the 412), the cards' content,
 * the ServiceRequests they suggest (valid R4), the decision recorded and replayable, and the CDS client's JWT.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdsHooksIT extends ApiIT {

    static final String DISCOVERY = "/cds-services";
    static final String SERVICE = "/cds-services/il7cds-eligibility";
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> ACTION_TYPES = Set.of("create", "update", "delete");

    private static TestFhirServer fhir;
    private static final Bundle ELIGIBLE = ScenarioBundles.bundle(baseline().candidate());
    private static final String PATIENT_ID = ELIGIBLE.getEntryFirstRep().getResource().getIdElement().getIdPart();

    @BeforeAll
    static void startFhirServer() throws Exception {
        fhir = new TestFhirServer();
        fhir.load(ELIGIBLE);
    }

    @AfterAll
    static void stopFhirServer() throws Exception {
        if (fhir != null) {
            fhir.close();
        }
    }

    @Test
    void discoveryListsThePatientViewServiceWithItsPrefetchTemplates() {
        HttpResponse<String> r = get(DISCOVERY, "application/json", TestKeys.SCREENER.authorization());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("GET", DISCOVERY, r);
        JsonNode services = json(r).get("services");
        assertThat(services.isArray()).isTrue();
        JsonNode service = null;
        for (JsonNode s : services) {
            // The specification's required fields of every service.
            assertThat(s.path("hook").asString()).isNotBlank();
            assertThat(s.path("description").asString()).isNotBlank();
            assertThat(s.path("id").asString()).matches("[a-z0-9][a-z0-9-]*");
            if (s.path("id").asString().equals("il7cds-eligibility")) {
                service = s;
            }
        }
        assertThat(service).as("il7cds-eligibility listed").isNotNull();
        assertThat(service.path("hook").asString()).isEqualTo("patient-view");
        JsonNode prefetch = service.get("prefetch");
        assertThat(prefetch.path("patient").asString()).isEqualTo("Patient/{{context.patientId}}");
        FhirAssessmentMapper.LAB_CODES.forEach((key, codes) -> codes.forEach(code -> assertThat(
                prefetch.path(key).asString()).as(key).startsWith("Observation?patient={{context.patientId}}&code=")
                .contains("http://loinc.org|" + code)));
        assertThat(prefetch.path("medicationStatements").asString()).startsWith("MedicationStatement?patient=");
        assertThat(prefetch.path("medicationRequests").asString()).startsWith("MedicationRequest?patient=");
        assertThat(prefetch.path("conditions").asString()).startsWith("Condition?patient=");
    }

    @Test
    void aFullPrefetchOfAnEligiblePatientGivesAnInfoCardThatIsRecordedAndReplayable() {
        JsonNode card = oneCard(call(request(prefetch(ELIGIBLE), false), TestKeys.SCREENER.authorization()));
        assertThat(card.path("indicator").asString()).isEqualTo("info");
        assertThat(card.path("summary").asString()).startsWith("levy-2009: ELIGIBLE");
        assertThat(card.has("suggestions")).isFalse();
        JsonNode source = card.get("source");
        assertThat(source.path("label").asString()).contains("Lévy Y et al.").contains("J Clin Invest 2009");
        assertThat(source.path("url").asString()).isEqualTo("https://doi.org/10.1172/JCI38052");
        assertThat(source.path("topic").path("code").asString()).isEqualTo("levy-2009");
        JsonNode verdict = card.path("extension").path("org.il7cds");
        assertThat(verdict.path("verdict").asString()).isEqualTo("ELIGIBLE");
        assertThat(verdict.path("protocolId").asString()).isEqualTo("levy-2009");
        assertThat(verdict.path("rulesVersion").asString()).isNotBlank();
        assertThat(verdict.path("rulesHash").asString()).startsWith("sha256:");
        String decisionId = verdict.path("decisionId").asString();
        UUID.fromString(decisionId);

        // The record is the eligibility assessment of the mapped candidate: every criterion of the card's detail.
        HttpResponse<String> record = get("/v1/decisions/" + decisionId, "application/json",
                TestKeys.AUDITOR.authorization());
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        JsonNode rec = json(record);
        assertThat(rec.path("operation").asString()).isEqualTo("assessment");
        assertThat(rec.path("verdict").asString()).isEqualTo("ELIGIBLE");
        assertThat(rec.path("clientId").asString()).isEqualTo(TestKeys.SCREENER.clientId());
        assertThat(rec.path("request").path("candidate").path("pseudonymId").asString()).isEqualTo(PATIENT_ID);
        // The detail lists every criterion the record holds, one table row each, with its status.
        List<String> rows = card.path("detail").asString().lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).hasSize(rec.get("criteria").size() + 1);
        for (int i = 0; i < rec.get("criteria").size(); i++) {
            assertThat(rows.get(i + 1)).contains("| " + rec.get("criteria").get(i).path("status").asString() + " |");
        }
        HttpResponse<String> replay = post("/v1/decisions/" + decisionId + "/replay", "", null, "application/json",
                TestKeys.AUDITOR.authorization());
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(json(replay).path("identical").asBoolean()).as(replay.body()).isTrue();
    }

    @Test
    void anIncompletePatientGetsAWarningWithADraftServiceRequestPerMissingLab() {
        Map<String, Object> prefetch = prefetch(ELIGIBLE);
        for (String lab : FhirAssessmentMapper.LAB_CODES.keySet()) {
            prefetch.put(lab, null); // the client found no such Observation: no data, never a negative
        }
        JsonNode card = oneCard(call(request(prefetch, false), TestKeys.SCREENER.authorization()));
        assertThat(card.path("indicator").asString()).isEqualTo("warning");
        assertThat(card.path("summary").asString()).startsWith("levy-2009: INCOMPLETE");
        assertThat(card.path("extension").path("org.il7cds").path("verdict").asString()).isEqualTo("INCOMPLETE");
        assertThat(card.path("selectionBehavior").asString()).isEqualTo("any");
        List<String> loinc = new ArrayList<>();
        for (JsonNode s : card.get("suggestions")) {
            for (JsonNode a : s.get("actions")) {
                assertThat(a.path("type").asString()).isEqualTo("create");
                JsonNode resource = a.get("resource");
                assertThat(resource.path("resourceType").asString()).isEqualTo("ServiceRequest");
                assertThat(resource.path("subject").path("reference").asString()).isEqualTo("Patient/" + PATIENT_ID);
                assertThat(resource.path("code").path("coding").get(0).path("system").asString())
                        .isEqualTo("http://loinc.org");
                loinc.add(resource.path("code").path("coding").get(0).path("code").asString());
                R4Validation.assertValid(resource.toString());
            }
        }
        // CD4, HIV-1 RNA, neutrophils, haemoglobin, platelets, creatinine: the levy-2009 labs, each once.
        assertThat(loinc).containsExactlyInAnyOrder("24467-3", "20447-9", "751-8", "718-7", "777-3", "2160-0");
        assertThat(card.path("detail").asString()).contains("UNKNOWN");
    }

    @Test
    void withoutPrefetchTheServiceFetchesFromTheFhirServerWithTheBearerTokenAndAnswersAlike() {
        int before = fhir.authorizations().size();
        JsonNode fetched = oneCard(call(request(null, true), TestKeys.SCREENER.authorization()));
        JsonNode prefetched = oneCard(call(request(prefetch(ELIGIBLE), false), TestKeys.SCREENER.authorization()));
        assertThat(fetched.path("summary").asString()).isEqualTo(prefetched.path("summary").asString());
        assertThat(fetched.path("indicator").asString()).isEqualTo("info");
        List<String> seen = fhir.authorizations().subList(before, fhir.authorizations().size());
        // One request per prefetch template, each with the token of fhirAuthorization.
        assertThat(seen).hasSize(10).allMatch(("Bearer " + TestFhirServer.TOKEN)::equals);
    }

    @Test
    void aPartialPrefetchIsCompletedFromTheFhirServer() {
        Map<String, Object> prefetch = prefetch(ELIGIBLE);
        prefetch.remove("cd4");
        prefetch.remove("conditions");
        int before = fhir.authorizations().size();
        JsonNode card = oneCard(call(request(prefetch, true), TestKeys.SCREENER.authorization()));
        assertThat(card.path("summary").asString()).startsWith("levy-2009: ELIGIBLE");
        assertThat(fhir.authorizations().size() - before).isEqualTo(2);
    }

    @Test
    void aDrugCodedAsAMedicationReferenceIsReadFromTheFhirServer() {
        Bundle b = ScenarioBundles.bundle(baseline().candidate());
        MedicationStatement art0 = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.getIdElement().getIdPart().equals("art0")).map(MedicationStatement.class::cast)
                .findFirst().orElseThrow();
        Medication m = new Medication();
        m.setId("med-art0");
        m.setCode((CodeableConcept) art0.getMedication());
        art0.setMedication(new Reference("Medication/med-art0"));
        fhir.load(new Bundle().addEntry(new Bundle.BundleEntryComponent().setResource(m)));
        Map<String, Object> prefetch = prefetch(b);
        int before = fhir.authorizations().size();
        JsonNode card = oneCard(call(request(prefetch, true), TestKeys.SCREENER.authorization()));
        assertThat(card.path("summary").asString()).startsWith("levy-2009: ELIGIBLE");
        assertThat(fhir.authorizations().size() - before).as("one read: the Medication").isEqualTo(1);
        // With no server to read it from, the drug stays unresolved, which is never read as "not an antiretroviral".
        JsonNode without = oneCard(call(request(prefetch, false), TestKeys.SCREENER.authorization()));
        assertThat(without.path("summary").asString()).startsWith("levy-2009: INCOMPLETE");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFhirServerThatRefusesTheTokenIs412() {
        Map<String, Object> body = request(null, true);
        ((Map<String, Object>) body.get("fhirAuthorization")).put("access_token", "not-the-token");
        assertProblem(call(body, TestKeys.SCREENER.authorization()), 412, "prefetch-unavailable", "POST", SERVICE);
    }

    @Test
    void missingPrefetchWithoutAFhirServerIs412NamingTheKeys() {
        Map<String, Object> prefetch = prefetch(ELIGIBLE);
        prefetch.remove("hivRna");
        JsonNode problem = assertProblem(call(request(prefetch, false), TestKeys.SCREENER.authorization()), 412,
                "prefetch-unavailable", "POST", SERVICE);
        assertThat(problem.path("detail").asString()).contains("[hivRna]").contains("fhirServer");
    }

    @Test
    void aPrefetchedSearchThatIsOnePageWithoutAFhirServerIs412NamingTheKey() {
        Map<String, Object> prefetch = prefetch(ELIGIBLE);
        prefetch.put("conditions", firstPageOfSeven(prefetch.get("conditions")));
        JsonNode problem = assertProblem(call(request(prefetch, false), TestKeys.SCREENER.authorization()), 412,
                "prefetch-unavailable", "POST", SERVICE);
        assertThat(problem.path("detail").asString()).contains("key 'conditions' is one page of a larger search")
                .contains("fhirServer");
    }

    @Test
    void aPrefetchedSearchThatIsOnePageIsFetchedWholeFromTheFhirServer() {
        JsonNode whole = oneCard(call(request(prefetch(ELIGIBLE), true), TestKeys.SCREENER.authorization()));
        Map<String, Object> prefetch = prefetch(ELIGIBLE);
        prefetch.put("conditions", firstPageOfSeven(prefetch.get("conditions")));
        int before = fhir.authorizations().size();
        JsonNode card = oneCard(call(request(prefetch, true), TestKeys.SCREENER.authorization()));
        assertThat(fhir.authorizations().size() - before).as("one search: the conditions").isEqualTo(1);
        assertThat(card.path("summary").asString()).isEqualTo(whole.path("summary").asString());
        assertThat(card.path("indicator").asString()).isEqualTo(whole.path("indicator").asString());
        assertThat(card.path("extension").path("org.il7cds").path("verdict").asString()).isEqualTo("ELIGIBLE");
    }

    @Test
    void anUnknownServiceIs404AndAnotherHookIs400() {
        assertProblem(post("/cds-services/no-such-service", Bodies.toJson(request(prefetch(ELIGIBLE), false)),
                "application/json", "application/json", TestKeys.SCREENER.authorization()), 404, "not-found", "POST",
                "/cds-services/no-such-service");
        Map<String, Object> body = request(prefetch(ELIGIBLE), false);
        body.put("hook", "order-sign");
        JsonNode p = assertProblem(call(body, TestKeys.SCREENER.authorization()), 400, "validation", "POST", SERVICE);
        assertThat(p.path("detail").asString()).contains("patient-view");
    }

    @Test
    void credentials() {
        Map<String, Object> body = request(prefetch(ELIGIBLE), false);
        assertThat(call(body, TestCdsClient.bearer(SERVICE)).statusCode()).isEqualTo(200);
        assertThat(get(DISCOVERY, "application/json", TestCdsClient.bearer(DISCOVERY)).statusCode()).isEqualTo(200);
        assertProblem(call(body, null), 401, "unauthorized", "POST", SERVICE);
        assertProblem(call(body, TestKeys.AUDITOR.authorization()), 403, "forbidden", "POST", SERVICE);
        // The API's own OAuth2 tokens are not CDS client tokens.
        assertProblem(call(body, org.il7cds.api.support.TestJwt.bearer(List.of("screener"))), 401, "unauthorized",
                "POST", SERVICE);
    }

    @Test
    void aCdsClientJwtIsRefusedWhenExpiredForAnotherAudienceByAnotherKeyReplayedOrUnsigned() {
        Map<String, Object> body = request(prefetch(ELIGIBLE), false);
        Instant past = Instant.now().minus(Duration.ofMinutes(20));
        String expired = TestCdsClient.sign(TestCdsClient.claims(SERVICE).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))).build());
        String otherAudience = TestCdsClient.sign(TestCdsClient.claims("/cds-services/another").build());
        String otherKey = TestCdsClient.signByStranger(TestCdsClient.claims(SERVICE).build());
        String unsigned = TestCdsClient.unsigned(TestCdsClient.claims(SERVICE).build());
        String tooLong = TestCdsClient.sign(TestCdsClient.claims(SERVICE)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
        String noJti = TestCdsClient.sign(TestCdsClient.claims(SERVICE).jwtID(null).build());
        String otherIssuer = TestCdsClient.sign(TestCdsClient.claims(SERVICE).issuer("https://evil.example").build());
        for (String token : List.of(expired, otherAudience, otherKey, unsigned, tooLong, noJti, otherIssuer)) {
            JsonNode p = assertProblem(call(body, "Bearer " + token), 401, "unauthorized", "POST", SERVICE);
            assertThat(p.path("detail").asString()).doesNotContain(token);
        }
        JWTClaimsSet once = TestCdsClient.claims(SERVICE).build();
        String token = "Bearer " + TestCdsClient.sign(once);
        assertThat(call(body, token).statusCode()).isEqualTo(200);
        assertProblem(call(body, token), 401, "unauthorized", "POST", SERVICE);
    }

    /** Last: with the FHIR server stopped, what the prefetch lacks cannot be had. */
    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheFhirServerIsDownAMissingPrefetchIs412() throws Exception {
        String base = fhir.base();
        fhir.close();
        fhir = null;
        Map<String, Object> body = request(null, false);
        body.put("fhirServer", base);
        body.put("fhirAuthorization", authorization());
        JsonNode p = assertProblem(call(body, TestKeys.SCREENER.authorization()), 412, "prefetch-unavailable", "POST",
                SERVICE);
        assertThat(p.path("detail").asString()).contains("could not be reached");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    @Test
    void theReadmesPatientViewExampleAnswersAsTheReadmeShows() throws Exception {
        String body = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "cds-patient-view.json"));
        HttpResponse<String> r = post(SERVICE, body, "application/json", "application/json",
                TestKeys.SCREENER.authorization());
        JsonNode card = oneCard(r);
        assertThat(card.path("summary").asString())
                .isEqualTo("levy-2009: INCOMPLETE - 6 criteria need data before eligibility can be decided");
        assertThat(card.path("indicator").asString()).isEqualTo("warning");
    }

    private HttpResponse<String> call(Map<String, Object> body, String authorization) {
        return post(SERVICE, Bodies.toJson(body), "application/json", "application/json", authorization);
    }

    /** The single card of a 200 answer, checked against the specification's shapes and the contract. */
    private static JsonNode oneCard(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Contract.assertValid("POST", SERVICE, r);
        JsonNode cards = json(r).get("cards");
        assertThat(cards.size()).isEqualTo(1);
        JsonNode card = cards.get(0);
        assertCardShape(card);
        return card;
    }

    static void assertCardShape(JsonNode card) {
        UUID.fromString(card.path("uuid").asString());
        assertThat(card.path("summary").asString()).isNotBlank().hasSizeLessThan(140);
        assertThat(card.path("indicator").asString()).isIn(INDICATORS);
        assertThat(card.path("source").path("label").asString()).isNotBlank();
        if (card.has("suggestions")) {
            assertThat(card.path("selectionBehavior").asString()).isIn("at-most-one", "any");
            for (JsonNode s : card.get("suggestions")) {
                assertThat(s.path("label").asString()).isNotBlank();
                UUID.fromString(s.path("uuid").asString());
                for (JsonNode a : s.get("actions")) {
                    assertThat(a.path("type").asString()).isIn(ACTION_TYPES);
                    assertThat(a.path("description").asString()).isNotBlank();
                    if (!a.path("type").asString().equals("delete")) {
                        assertThat(a.path("resource").path("resourceType").asString()).isNotBlank();
                    }
                }
            }
        }
    }

    private Map<String, Object> request(Map<String, Object> prefetch, boolean withServer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hook", "patient-view");
        body.put("hookInstance", UUID.randomUUID().toString());
        if (withServer) {
            body.put("fhirServer", fhir.base());
            body.put("fhirAuthorization", authorization());
        }
        body.put("context", Map.of("userId", "Practitioner/example", "patientId", PATIENT_ID));
        if (prefetch != null) {
            body.put("prefetch", prefetch);
        }
        return body;
    }

    private static Map<String, Object> authorization() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("access_token", TestFhirServer.TOKEN);
        a.put("token_type", "Bearer");
        a.put("expires_in", 300);
        a.put("scope", "patient/Patient.read patient/Observation.read");
        a.put("subject", "il7cds-eligibility");
        return a;
    }

    /** The bundle's resources under the service's prefetch keys, as a client would send them (null: none). */
    static Map<String, Object> prefetch(Bundle bundle) {
        Map<String, List<Resource>> byKey = new LinkedHashMap<>();
        List.of("cd4", "hivRna", "haematology", "creatinine", "pregnancy", "medicationStatements",
                "medicationRequests", "medicationLists", "conditions").forEach(k -> byKey.put(k, new ArrayList<>()));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r instanceof Patient) {
                out.put("patient", fhirJson(r));
            } else if (r instanceof Observation o) {
                String code = o.getCode().getCodingFirstRep().getCode();
                FhirAssessmentMapper.LAB_CODES.forEach((k, codes) -> {
                    if (codes.contains(code)) {
                        byKey.get(k).add(o);
                    }
                });
            } else if (r instanceof MedicationStatement) {
                byKey.get("medicationStatements").add(r);
            } else if (r instanceof MedicationRequest) {
                byKey.get("medicationRequests").add(r);
            } else if (r instanceof ListResource) {
                byKey.get("medicationLists").add(r);
            } else if (r instanceof Condition) {
                byKey.get("conditions").add(r);
            }
        }
        byKey.forEach((k, resources) -> {
            if (resources.isEmpty()) {
                out.put(k, null);
            } else {
                Bundle searchset = new Bundle().setType(Bundle.BundleType.SEARCHSET);
                searchset.setTotal(resources.size());
                resources.forEach(r -> searchset.addEntry().setResource(r));
                out.put(k, fhirJson(searchset));
            }
        });
        return out;
    }

    /**
     * A prefetched searchset as a client sends the first page only: its entries, {@code total} 7 and a {@code next}
     * link to the rest (the page that would hold, say, a lymphoma).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstPageOfSeven(Object searchset) {
        Map<String, Object> page = new LinkedHashMap<>(searchset == null ? Map.of("resourceType", "Bundle", "type",
                "searchset") : (Map<String, Object>) searchset);
        page.put("total", 7);
        page.put("link", List.of(Map.of("relation", "self", "url", fhir.base() + "/Condition?patient=" + PATIENT_ID),
                Map.of("relation", "next", "url", fhir.base() + "/Condition?patient=" + PATIENT_ID + "&page=2")));
        return page;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fhirJson(Resource r) {
        return JSON.readValue(FhirJson.write(r), LinkedHashMap.class);
    }

    private static EligibilityScenario baseline() {
        List<RuleProblem> problems = new ArrayList<>();
        return EligibilityScenarios.read(RuleBundle.fromClasspath(), problems).stream()
                .filter(s -> s.file().endsWith("levy-2009/scenarios/01-eligible-baseline.yaml")).findFirst()
                .orElseGet(() -> EligibilityScenarios.read(RuleBundle.fromClasspath(), problems).stream()
                        .filter(s -> s.file().endsWith("01-eligible-baseline.yaml")).findFirst().orElseThrow());
    }
}
