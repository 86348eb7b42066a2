package org.il7cds.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Bodies;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.scenarios.EligibilityScenario;
import org.il7cds.engine.scenarios.EligibilityScenarios;
import org.il7cds.engine.terminology.DrugTerminology;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * FHIR R4 input on POST /v1/eligibility/assessments: the packaged eligibility scenarios, each sent once as JSON and
 * once as the equivalent FHIR Bundle, give the same verdict and the same status of every criterion; the FHIR answer
 * and every refusal in FHIR form are valid R4 (HAPI's validator).
 */
class FhirAssessmentIT extends ApiIT {

    private static final String PATH = "/v1/eligibility/assessments";
    private static final RuleBundle RULES = RuleBundle.fromClasspath();
    private static final DrugTerminology DRUGS = RuleSetCompiler.compile(RULES).drugs();

    @TestFactory
    Stream<DynamicTest> everyExpressibleScenarioGetsTheSameAnswerAsFhirAsAsJson() {
        List<RuleProblem> problems = new ArrayList<>();
        List<EligibilityScenario> scenarios = EligibilityScenarios.read(RULES, problems).stream()
                // Every protocol's entry scenarios. The re-treatment scenarios read with them are decisions of
                // another operation (/v1/course/retreatment-decisions), dated after this service's fixed clock.
                .filter(s -> !s.file().contains("/scenarios/retreatment/"))
                .filter(s -> !s.expectsRefusal()
                        && ScenarioBundles.inexpressible(s.candidate(), DRUGS) == null)
                .toList();
        assertThat(problems).isEmpty();
        assertThat(scenarios).as("scenarios compared (the issue asks for 20)").hasSizeGreaterThanOrEqualTo(80);
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.file(), () -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("protocolId", s.protocolId());
            request.put("asOf", s.asOf().toString());
            request.put("candidate", ScenarioBundles.json(s.candidate()));
            HttpResponse<String> json = post(PATH, Bodies.toJson(request));
            String bundle = FhirJson.write(ScenarioBundles.bundle(s.candidate()));
            HttpResponse<String> fhir = post(PATH + "?protocolId=" + s.protocolId() + "&asOf=" + s.asOf(), bundle,
                    FhirJson.MEDIA_TYPE, "application/json");
            assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
            assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
            JsonNode a = JSON.readTree(json.body());
            JsonNode b = JSON.readTree(fhir.body());
            assertThat(b.get("verdict").asText()).isEqualTo(a.get("verdict").asText())
                    .isEqualTo(s.expectedVerdict().name());
            assertThat(statuses(b)).isEqualTo(statuses(a));
            assertThat(b.get("decisionId").asText()).isNotBlank().isNotEqualTo(a.get("decisionId").asText());
        }));
    }

    @Test
    void theIssuesFixedDoseCombinationCodedByAtcCounts() {
        Bundle b = eligibleBundle();
        b.getEntry().removeIf(e -> e.getResource() instanceof MedicationStatement ms
                && ms.getIdElement().getIdPart().matches("art[12]"));
        current(b).setMedication(new CodeableConcept(new Coding(DrugTerminology.ATC_SYSTEM, "J05AR20", "Biktarvy")));
        JsonNode a = assess(b);
        assertThat(a.get("verdict").asText()).as(a.toString()).isEqualTo("ELIGIBLE");
        assertThat(criterion(a, "on-cart").get("observed").asText())
                .isEqualTo("3 active agents: [bictegravir, emtricitabine, tenofovir alafenamide]");
    }

    @Test
    void anUnknownAntiviralCodeIsNamedNotGuessed() {
        Bundle b = eligibleBundle();
        current(b).setMedication(new CodeableConcept(new Coding(DrugTerminology.ATC_SYSTEM, "J05AF10", "entecavir")));
        JsonNode cart = criterion(assess(b), "on-cart");
        assertThat(cart.get("status").asText()).as(cart.toString()).isEqualTo("UNKNOWN");
        assertThat(cart.get("observed").asText()).contains("atc j05af10");
    }

    @Test
    void aMedicationReferencedInTheBundleOrContainedIsRead() {
        JsonNode eligible = assess(eligibleBundle());
        Bundle inBundle = eligibleBundle();
        MedicationStatement ms = current(inBundle);
        Medication m = new Medication();
        m.setId("med-1");
        m.setCode((CodeableConcept) ms.getMedication());
        inBundle.addEntry().setResource(m);
        ms.setMedication(new Reference("Medication/med-1"));
        JsonNode a = assess(inBundle);
        assertThat(a.get("verdict").asText()).as(a.toString()).isEqualTo("ELIGIBLE");
        assertThat(criterion(a, "on-cart").get("observed")).isEqualTo(criterion(eligible, "on-cart").get("observed"));

        Bundle contained = eligibleBundle();
        MedicationStatement cs = current(contained);
        Medication cm = new Medication();
        cm.setId("m");
        cm.setCode((CodeableConcept) cs.getMedication());
        cs.addContained(cm);
        cs.setMedication(new Reference("#m"));
        JsonNode c = assess(contained);
        assertThat(c.get("verdict").asText()).as(c.toString()).isEqualTo("ELIGIBLE");
        assertThat(criterion(c, "on-cart").get("observed")).isEqualTo(criterion(eligible, "on-cart").get("observed"));
    }

    @Test
    void aCurrentDrugWhoseMedicationReferenceDoesNotResolveIsNotDropped() {
        Bundle b = eligibleBundle();
        current(b).setMedication(new Reference("Medication/not-sent"));
        JsonNode a = assess(b);
        // Dropped, the regimen would count one agent fewer; read as what it is: a drug the record does not name.
        assertThat(a.get("verdict").asText()).as(a.toString()).isEqualTo("INCOMPLETE");
        JsonNode cart = criterion(a, "on-cart");
        assertThat(cart.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(cart.get("observed").asText()).contains("unresolved medication/not-sent");
    }

    @Test
    void anUnresolvedMedicationStoppedAfterTheKnownRegimenChangeLeavesTheChangeUnknown() {
        Bundle recent = withStoppedUnresolved(LocalDate.parse("2026-11-20"));
        JsonNode a = assess(recent);
        assertThat(a.get("verdict").asText()).as(a.toString()).isEqualTo("INCOMPLETE");
        assertThat(criterion(a, "regimen-stable").get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(criterion(a, "on-cart").get("status").asText()).isEqualTo("MET");
        // It may have been an interleukin: the record's "aldesleukin not taken" does not settle the criterion.
        assertThat(criterion(a, "no-prior-interleukin").get("status").asText()).isEqualTo("UNKNOWN");

        JsonNode old = assess(withStoppedUnresolved(LocalDate.parse("2010-01-01")));
        assertThat(criterion(old, "regimen-stable").get("status").asText()).as(old.toString()).isEqualTo("MET");
    }

    private static Bundle withStoppedUnresolved(LocalDate end) {
        Bundle b = eligibleBundle();
        MedicationStatement stopped = new MedicationStatement();
        stopped.setId("stopped-unresolved");
        stopped.setStatus(MedicationStatement.MedicationStatementStatus.COMPLETED);
        stopped.setSubject(current(b).getSubject());
        stopped.setMedication(new Reference("Medication/not-sent"));
        stopped.setEffective(new Period().setStartElement(new DateTimeType(end.minusMonths(6).toString()))
                .setEndElement(new DateTimeType(end.toString())));
        b.addEntry().setResource(stopped);
        return b;
    }

    @Test
    void anOlderNotPregnantResultDoesNotOverrideALaterPregnantOne() {
        Bundle b = eligibleBundle();
        patient(b).setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        // The latest status (19 November): pregnant.
        obs(b, FhirCandidateMapper.PREGNANCY_STATUS).setValue(snomed(FhirCandidateMapper.SCT_PREGNANT));
        // An older one (January), later in the Bundle: not pregnant.
        Observation old = labObservation(b, "preg-old", FhirCandidateMapper.PREGNANCY_STATUS, "2026-01-05");
        old.setValue(snomed(FhirCandidateMapper.SCT_NOT_PREGNANT));
        b.addEntry().setResource(old);
        JsonNode a = assess(b);
        assertThat(a.get("verdict").asText()).as(a.toString()).isNotEqualTo("ELIGIBLE");
        assertThat(criterion(a, "not-pregnant-or-breastfeeding").get("status").asText()).isEqualTo("NOT_MET");
    }

    @Test
    void aNotPregnantResultSevenYearsOldIsNotANegativeToday() {
        Bundle b = eligibleBundle();
        patient(b).setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        obs(b, FhirCandidateMapper.PREGNANCY_STATUS).setEffective(new DateTimeType("2019-05-01"));
        obs(b, FhirCandidateMapper.BREASTFEEDING_STATUS).setEffective(new DateTimeType("2019-05-01"));
        JsonNode a = assess(b);
        assertThat(a.get("verdict").asText()).as(a.toString()).isNotEqualTo("ELIGIBLE");
        assertThat(criterion(a, "not-pregnant-or-breastfeeding").get("status").asText()).isEqualTo("UNKNOWN");
    }

    /**
     * The window's edges ({@code il7cds.fhir.status-max-age-days}, default 30): a not-pregnant and not-breast-feeding
     * status dated 29 or 30 days before the as-of date still settles the criterion; 31 days before, it does not.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} days old: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"29, MET", "30, MET", "31, UNKNOWN"})
    void aStatusSettlesTheCriterionOnlyWithinItsWindow(int daysOld, String status) {
        Bundle b = eligibleBundle();
        patient(b).setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        String dated = LocalDate.parse("2026-11-26").minusDays(daysOld).toString();
        obs(b, FhirCandidateMapper.PREGNANCY_STATUS).setEffective(new DateTimeType(dated));
        obs(b, FhirCandidateMapper.BREASTFEEDING_STATUS).setEffective(new DateTimeType(dated));
        JsonNode a = assess(b);
        assertThat(criterion(a, "not-pregnant-or-breastfeeding").get("status").asText()).as(a.toString())
                .isEqualTo(status);
        assertThat(a.get("verdict").asText()).isEqualTo(status.equals("MET") ? "ELIGIBLE" : "INCOMPLETE");
    }

    @Test
    void aYearOnlyBirthDateIsRefusedNotReadAsFirstJanuary() {
        Bundle b = eligibleBundle();
        // Born in 2008: 17 or 18 on 2026-11-26, depending on the day.
        patient(b).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2008"));
        HttpResponse<String> r = post(PATH + "?asOf=2026-11-26", FhirJson.write(b), FhirJson.MEDIA_TYPE,
                "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("birthDate");
    }

    @Test
    void aBirthDateIsNotShiftedByTheServersTimeZone() {
        Bundle b = eligibleBundle();
        // 18 years old tomorrow: 17 on the as-of date.
        patient(b).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2008-11-27"));
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        JsonNode a;
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Paris"));
            a = assess(b);
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
        assertThat(criterion(a, "adult").get("status").asText()).as(a.toString()).isEqualTo("NOT_MET");
        assertThat(a.get("verdict").asText()).isEqualTo("NOT_ELIGIBLE");
    }

    @Test
    void aMonthOnlyRegimenStartIsNotItsFirstDay() {
        Bundle b = eligibleBundle();
        // The regimen changed in August 2026: on 1 August (3 months by 26 November) or as late as 31 August (2).
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() instanceof MedicationStatement ms && ms.getIdElement().getIdPart().startsWith("art")) {
                Period p = (Period) ms.getEffective();
                if (ms.getIdElement().getIdPart().equals("art-before")) {
                    p.setEndElement(new DateTimeType("2026-08"));
                } else {
                    p.setStartElement(new DateTimeType("2026-08"));
                }
            }
        }
        JsonNode a = assess(b);
        assertThat(criterion(a, "regimen-stable").get("status").asText()).as(a.toString()).isEqualTo("UNKNOWN");
        assertThat(a.get("verdict").asText()).isNotEqualTo("ELIGIBLE");
    }

    @Test
    void aStoppedOrHeldAntiretroviralWithoutAnEndLeavesTheRegimenChangeUnknownOrDatesIt() {
        // Stopped (status stopped, no end date): when? Perhaps last week.
        Bundle stopped = eligibleBundle();
        stopped.addEntry().setResource(arvStatement(stopped, "efv", "efavirenz",
                MedicationStatement.MedicationStatementStatus.STOPPED, new Period().setStartElement(
                        new DateTimeType("2022-06-01"))));
        // Taken on 20 November (effectiveDateTime), completed.
        Bundle taken = eligibleBundle();
        taken.addEntry().setResource(arvStatement(taken, "efv", "efavirenz",
                MedicationStatement.MedicationStatementStatus.COMPLETED, new DateTimeType("2026-11-20")));
        // On hold since an unknown date.
        Bundle held = eligibleBundle();
        held.addEntry().setResource(arvStatement(held, "drv", "darunavir",
                MedicationStatement.MedicationStatementStatus.ONHOLD, new Period().setStartElement(
                        new DateTimeType("2025-01-10"))));
        for (Bundle b : List.of(stopped, held)) {
            JsonNode a = assess(b);
            assertThat(criterion(a, "regimen-stable").get("status").asText()).as(a.toString()).isEqualTo("UNKNOWN");
            assertThat(a.get("verdict").asText()).isNotEqualTo("ELIGIBLE");
        }
        // Taken on a date, then completed: the regimen changed then, six days before the as-of date.
        JsonNode a = assess(taken);
        assertThat(criterion(a, "regimen-stable").get("status").asText()).as(a.toString()).isEqualTo("NOT_MET");
        assertThat(criterion(a, "regimen-stable").get("observed").asText()).contains("2026-11-20");
    }

    @Test
    void aMedicationRequestThatIsAnOptionOrDoNotPerformIsNotATakenDrug() {
        // Two agents taken (dolutegravir, lamivudine): c-ART NOT_MET.
        Bundle option = twoAgents();
        MedicationRequest opt = arvRequest(option, "abc-option", "abacavir");
        opt.setIntent(MedicationRequest.MedicationRequestIntent.OPTION);
        option.addEntry().setResource(opt);
        Bundle doNot = twoAgents();
        MedicationRequest dnp = arvRequest(doNot, "abc-dnp", "abacavir");
        dnp.setDoNotPerform(true); // "do not give abacavir" (e.g. HLA-B*5701 positive)
        doNot.addEntry().setResource(dnp);
        for (Bundle b : List.of(option, doNot)) {
            JsonNode a = assess(b);
            assertThat(criterion(a, "on-cart").get("status").asText()).as(a.toString()).isEqualTo("NOT_MET");
            assertThat(a.get("verdict").asText()).isEqualTo("NOT_ELIGIBLE");
        }
    }

    @Test
    void anInterleukinOrderOnHoldOrOfUnknownStatusIsNotIgnored() {
        for (MedicationRequest.MedicationRequestStatus status : List.of(
                MedicationRequest.MedicationRequestStatus.ONHOLD, MedicationRequest.MedicationRequestStatus.UNKNOWN)) {
            Bundle b = eligibleBundle();
            MedicationRequest il2 = arvRequest(b, "il2-order", "aldesleukin");
            il2.setStatus(status);
            il2.setAuthoredOnElement(new DateTimeType("2016-03-01"));
            b.addEntry().setResource(il2);
            JsonNode a = assess(b);
            assertThat(criterion(a, "no-prior-interleukin").get("status").asText()).as(status + ": " + a)
                    .isNotEqualTo("MET");
            assertThat(a.get("verdict").asText()).isNotEqualTo("ELIGIBLE");
        }
    }

    @Test
    void anInterleukinCourseNamedAsAProductIsNotIgnored() {
        Bundle b = eligibleBundle();
        // The record also holds "aldesleukin: not taken" (the baseline's statement "il").
        b.addEntry().setResource(arvStatement(b, "il2-course", "Proleukin 22 MIU powder for injection",
                MedicationStatement.MedicationStatementStatus.COMPLETED, new Period()
                        .setStartElement(new DateTimeType("2012-02-01")).setEndElement(new DateTimeType("2012-03-01"))));
        JsonNode a = assess(b);
        assertThat(criterion(a, "no-prior-interleukin").get("status").asText()).as(a.toString()).isNotEqualTo("MET");
        assertThat(a.get("verdict").asText()).isNotEqualTo("ELIGIBLE");
    }

    /** The baseline's "aldesleukin not taken" (effective from 2015, no end) stated on that day, or undated. */
    private JsonNode interleukinNotTakenStated(String asserted, String effectiveDateTime) {
        Bundle b = eligibleBundle();
        MedicationStatement il = (MedicationStatement) b.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.getIdElement().getIdPart().equals("il")).findFirst().orElseThrow();
        il.setDateAssertedElement(asserted == null ? null : new DateTimeType(asserted));
        if (effectiveDateTime != null) {
            il.setEffective(new DateTimeType(effectiveDateTime));
        }
        return assess(b);
    }

    @ParameterizedTest(name = "asserted {0}, effective {1}")
    @CsvSource(nullValues = "-", value = {
            "2026-11-19, -,          MET", "2026-08-28, -, MET", "2026-08-27, -, UNKNOWN", "2025-01-01, -, UNKNOWN",
            "-,          -,          UNKNOWN", "-,          2026-10-01, MET", "-,          2015-01-01, UNKNOWN"})
    void anInterleukinNotTakenCountsOnlyWhenStatedWithinTheWindow(String asserted, String effective, String status) {
        JsonNode a = interleukinNotTakenStated(asserted, effective);
        assertThat(criterion(a, "no-prior-interleukin").get("status").asText()).as(a.toString()).isEqualTo(status);
    }

    @Test
    void aNoMedicationsListCountsOnlyWhenDatedWithinTheWindow() {
        // A record of no drug at all: c-ART is not met either way; "no interleukin" only from a recent List.
        assertThat(criterion(assess(noDrugsButAList(new DateTimeType("2026-11-19"))), "no-prior-interleukin")
                .get("status").asText()).isEqualTo("MET");
        assertThat(criterion(assess(noDrugsButAList(null)), "no-prior-interleukin").get("status").asText())
                .isEqualTo("UNKNOWN");
        assertThat(criterion(assess(noDrugsButAList(new DateTimeType("2026-01-05"))), "no-prior-interleukin")
                .get("status").asText()).isEqualTo("UNKNOWN");
    }

    private static Bundle noDrugsButAList(DateTimeType date) {
        Bundle b = eligibleBundle();
        ListResource nil = nilKnownList(b).setDateElement(date);
        b.getEntry().removeIf(e -> e.getResource() instanceof MedicationStatement);
        b.addEntry().setResource(nil);
        return b;
    }

    @Test
    void aNoMedicationsListEnteredInErrorIsNotANegative() {
        Bundle b = eligibleBundle();
        b.getEntry().removeIf(e -> e.getResource() instanceof MedicationStatement ms
                && ms.getIdElement().getIdPart().equals("il"));
        ListResource nil = nilKnownList(b);
        nil.setStatus(ListResource.ListStatus.ENTEREDINERROR);
        b.addEntry().setResource(nil);
        JsonNode a = assess(b);
        assertThat(criterion(a, "no-prior-interleukin").get("status").asText()).as(a.toString()).isEqualTo("UNKNOWN");
        assertThat(a.get("verdict").asText()).isEqualTo("INCOMPLETE");
    }

    @Test
    void aNoMedicationsListContradictedByTheRecordsDrugsIsNotANegative() {
        Bundle b = eligibleBundle();
        b.getEntry().removeIf(e -> e.getResource() instanceof MedicationStatement ms
                && ms.getIdElement().getIdPart().equals("il"));
        // "No medications known", while the same record holds three current antiretrovirals.
        b.addEntry().setResource(nilKnownList(b));
        JsonNode a = assess(b);
        assertThat(criterion(a, "no-prior-interleukin").get("status").asText()).as(a.toString()).isEqualTo("UNKNOWN");
        assertThat(a.get("verdict").asText()).isEqualTo("INCOMPLETE");
    }

    @Test
    void aRefutedLungCancerIsNotABlanketNoMalignancy() {
        Bundle b = eligibleBundle();
        org.hl7.fhir.r4.model.Condition refuted = (org.hl7.fhir.r4.model.Condition) b.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.getIdElement().getIdPart().equals("malignancy-refuted")).findFirst().orElseThrow();
        // A suspected lung cancer ruled out says nothing about a lymphoma or any other cancer.
        refuted.setCode(new CodeableConcept(new Coding(ConditionCodes.ICD10, "C34.9", null)));
        JsonNode a = assess(b);
        assertThat(criterion(a, "no-malignancy").get("status").asText()).as(a.toString()).isEqualTo("UNKNOWN");
        assertThat(a.get("verdict").asText()).isEqualTo("INCOMPLETE");
    }

    @Test
    void aConditionCodedBothKaposiAndLymphomaIsNotReadAsKaposiOnly() {
        Bundle b = eligibleBundle();
        org.hl7.fhir.r4.model.Condition c = new org.hl7.fhir.r4.model.Condition();
        c.setId("ks-or-lymphoma");
        c.setSubject(current(b).getSubject());
        c.setCode(new CodeableConcept().addCoding(new Coding(ConditionCodes.ICD10, "C46.9", null))
                .addCoding(new Coding(ConditionCodes.ICD10, "C83.3", null)));
        c.setVerificationStatus(new CodeableConcept(new Coding(FhirCandidateMapper.CONDITION_VERIFICATION,
                "confirmed", null)));
        b.addEntry().setResource(c);
        JsonNode a = assess(b);
        assertThat(criterion(a, "no-malignancy").get("status").asText()).as(a.toString()).isNotEqualTo("MET");
        assertThat(a.get("verdict").asText()).isNotEqualTo("ELIGIBLE");
    }

    /** The baseline's "no opportunistic infection" (a refuted WHO ICD-10 B20) replaced by other Conditions. */
    private static Bundle withInfections(org.hl7.fhir.r4.model.Condition... conditions) {
        Bundle b = eligibleBundle();
        b.getEntry().removeIf(e -> e.getResource().getIdElement().getIdPart().equals("oi"));
        for (org.hl7.fhir.r4.model.Condition c : conditions) {
            c.setSubject(current(b).getSubject().copy());
            b.addEntry().setResource(c);
        }
        return b;
    }

    private static org.hl7.fhir.r4.model.Condition condition(String id, String system, String code,
            String verification, String clinical) {
        org.hl7.fhir.r4.model.Condition c = new org.hl7.fhir.r4.model.Condition();
        c.setId(id);
        c.setCode(new CodeableConcept(new Coding(system, code, null)));
        c.setVerificationStatus(new CodeableConcept(new Coding(FhirCandidateMapper.CONDITION_VERIFICATION,
                verification, null)));
        if (verification.equals("refuted")) {
            c.setRecordedDateElement(new DateTimeType("2026-11-19")); // a negative must be current to count
        }
        if (clinical != null) {
            c.setClinicalStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", clinical, null)));
        }
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a PCP ruled out,          refuted,   ",
            "a PCP resolved,           confirmed, resolved",
            "a PCP in remission,       confirmed, remission",
            "a PCP inactive,           confirmed, inactive"})
    void oneInfectionRuledOutOrOverSaysNothingOfTheOthers(String what, String verification, String clinical) {
        // A treated pneumocystis pneumonia says nothing of an active CMV disease: not a negative (docs/fhir.md).
        JsonNode a = assess(withInfections(condition("pcp", ConditionCodes.ICD10, "B59", verification, clinical)));
        assertThat(criterion(a, "no-active-oi").get("status").asText()).as(a.toString()).isEqualTo("UNKNOWN");
        assertThat(a.get("verdict").asText()).isEqualTo("INCOMPLETE");
    }

    @Test
    void aRefutedWhoB20IsNoOpportunisticInfectionUnlessOneIsActiveOrOpen() {
        org.hl7.fhir.r4.model.Condition none = condition("none", ConditionCodes.ICD10, "B20", "refuted", null);
        JsonNode alone = assess(withInfections(none));
        assertThat(criterion(alone, "no-active-oi").get("status").asText()).as(alone.toString()).isEqualTo("MET");
        assertThat(alone.get("verdict").asText()).isEqualTo("ELIGIBLE");

        JsonNode pastPcp = assess(withInfections(none.copy(),
                condition("pcp", ConditionCodes.ICD10, "B59", "confirmed", "resolved")));
        assertThat(criterion(pastPcp, "no-active-oi").get("status").asText()).isEqualTo("MET");

        JsonNode active = assess(withInfections(none.copy(),
                condition("tb", ConditionCodes.ICD10_CM, "A15.0", "confirmed", "active")));
        assertThat(criterion(active, "no-active-oi").get("status").asText()).as(active.toString())
                .isEqualTo("NOT_MET");

        // Confirmed, with no clinical status: perhaps active.
        JsonNode open = assess(withInfections(none.copy(),
                condition("cmv", ConditionCodes.ICD10, "B25.8", "confirmed", null)));
        assertThat(criterion(open, "no-active-oi").get("status").asText()).as(open.toString()).isEqualTo("UNKNOWN");

        // B20.0 (HIV disease resulting in mycobacterial infection) ruled out is one infection, not all.
        JsonNode specific = assess(withInfections(condition("b200", ConditionCodes.ICD10, "B20.0", "refuted", null)));
        assertThat(criterion(specific, "no-active-oi").get("status").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void icd10CmB20IsHivDiseaseItselfNotAnInfection() {
        // In ICD-10-CM, B20 is "HIV disease": most candidates' problem lists hold it, active.
        JsonNode hiv = assess(withInfections(
                condition("none", ConditionCodes.ICD10, "B20", "refuted", null),
                condition("hiv", ConditionCodes.ICD10_CM, "B20", "confirmed", "active")));
        assertThat(criterion(hiv, "no-active-oi").get("status").asText()).as(hiv.toString()).isEqualTo("MET");
        assertThat(hiv.get("verdict").asText()).isEqualTo("ELIGIBLE");
        // ... and refuted, it denies the HIV infection, not the infections.
        JsonNode refuted = assess(withInfections(condition("not-hiv", ConditionCodes.ICD10_CM, "B20", "refuted", null)));
        assertThat(criterion(refuted, "no-active-oi").get("status").asText()).isEqualTo("UNKNOWN");
    }

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource({
            "no-malignancy, http://hl7.org/fhir/sid/icd-10-cm, C349,  resolved",
            "no-malignancy, http://hl7.org/fhir/sid/icd-10,    c449,  active",
            "no-active-oi,  http://hl7.org/fhir/sid/icd-10-cm, A150,  active",
            "no-active-oi,  http://hl7.org/fhir/sid/icd-10,    B371,  recurrence"})
    void anIcd10CodeWithoutItsDotIsTheSameCode(String criterion, String system, String code, String clinical) {
        Bundle b = eligibleBundle();
        org.hl7.fhir.r4.model.Condition c = condition("undotted", system, code, "confirmed", clinical);
        c.setSubject(current(b).getSubject().copy());
        b.addEntry().setResource(c);
        JsonNode a = assess(b);
        assertThat(criterion(a, criterion).get("status").asText()).as(a.toString()).isEqualTo("NOT_MET");
        assertThat(a.get("verdict").asText()).isEqualTo("NOT_ELIGIBLE");
    }

    /**
     * The baseline with its current regimen started on {@code currentFrom} and, before it, one earlier regimen taken
     * from {@code earlierFrom} to {@code earlierTo} (null: the record gives no end), as of 2026-11-26.
     */
    private static Bundle artHistory(String currentFrom, String earlierFrom, String earlierTo) {
        Bundle b = eligibleBundle();
        b.getEntry().removeIf(e -> e.getResource().getIdElement().getIdPart().equals("art-before"));
        b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof MedicationStatement && r.getIdElement().getIdPart().matches("art\\d+"))
                .forEach(r -> ((MedicationStatement) r).setEffective(new Period()
                        .setStartElement(new DateTimeType(currentFrom))));
        MedicationStatement earlier = new MedicationStatement();
        earlier.setId("earlier");
        earlier.setStatus(MedicationStatement.MedicationStatementStatus.COMPLETED);
        earlier.setMedication(new CodeableConcept().setText("Atripla"));
        earlier.setSubject(current(b).getSubject().copy());
        Period p = new Period().setStartElement(new DateTimeType(earlierFrom));
        if (earlierTo != null) {
            p.setEndElement(new DateTimeType(earlierTo));
        }
        earlier.setEffective(p);
        b.addEntry().setResource(earlier);
        return b;
    }

    @Test
    void anEarlierTreatmentStoppedAndTakenUpAgainDoesNotCountTowardsTheDuration() {
        // c-ART in 2015, stopped after a year, taken up again on 2026-05-01: seven months of c-ART, not eleven years.
        JsonNode a = assess(artHistory("2026-05-01", "2015-01-01", "2016-01-01"));
        assertThat(criterion(a, "cart-duration").get("status").asText()).as(a.toString()).isEqualTo("NOT_MET");
        assertThat(criterion(a, "regimen-stable").get("status").asText()).isEqualTo("MET");
        assertThat(a.get("verdict").asText()).isEqualTo("NOT_ELIGIBLE");
    }

    @ParameterizedTest(name = "current regimen from {0}: {1}")
    @CsvSource({
            // The earlier regimen's last day is 2026-04-30; il7cds.fhir.art-gap-max-days is 7 by default.
            "2026-05-01, MET",      // a switch: no day without
            "2026-05-08, MET",      // 7 days without (1-7 May): one treatment since 2015
            "2026-05-09, NOT_MET"}) // 8 days without: c-ART again from 9 May, under 12 months
    void aGapOfAtMostTheConfiguredDaysIsNotAnInterruption(String currentFrom, String duration) {
        JsonNode a = assess(artHistory(currentFrom, "2015-01-01", "2026-04-30"));
        assertThat(criterion(a, "cart-duration").get("status").asText()).as(a.toString()).isEqualTo(duration);
    }

    @Test
    void anEarlierRegimenStoppedAtNoDateTheRecordGivesLeavesTheDurationOpen() {
        // Completed, with no end: taken until 2015 or until the switch, the record cannot tell.
        JsonNode a = assess(artHistory("2026-05-01", "2015-01-01", null));
        assertThat(criterion(a, "cart-duration").get("status").asText()).as(a.toString()).isEqualTo("UNKNOWN");
        assertThat(a.get("verdict").asText()).isEqualTo("INCOMPLETE");
    }

    @ParameterizedTest(name = "birth sex {0}: {1}")
    @CsvSource({"F, UNKNOWN", "UNK, UNKNOWN", "M, MET"})
    void aMaleGenderContradictedByABirthSexNeedsThePregnancyStatus(String birthSex, String status) {
        Bundle b = eligibleBundle();
        org.hl7.fhir.r4.model.Patient p = patient(b);
        p.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);
        p.addExtension(FhirCandidateMapper.US_CORE_BIRTH_SEX, new org.hl7.fhir.r4.model.CodeType(birthSex));
        b.getEntry().removeIf(e -> e.getResource() instanceof Observation o && o.getCode().getCoding().stream()
                .anyMatch(c -> c.getCode().equals(FhirCandidateMapper.PREGNANCY_STATUS)
                        || c.getCode().equals(FhirCandidateMapper.BREASTFEEDING_STATUS)));
        JsonNode a = assess(b);
        assertThat(criterion(a, "not-pregnant-or-breastfeeding").get("status").asText()).as(a.toString())
                .isEqualTo(status);
    }

    @Test
    void theReadmesFhirExampleAnswersAsTheReadmeShows() throws Exception {
        String body = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "fhir-bundle.json"));
        HttpResponse<String> r = post(PATH + "?protocolId=levy-2009&asOf=2026-11-26", body, FhirJson.MEDIA_TYPE,
                "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.get("verdict").asText()).as(r.body()).isEqualTo("ELIGIBLE");
        assertThat(criterion(a, "on-cart").get("observed").asText())
                .isEqualTo("3 active agents: [bictegravir, emtricitabine, tenofovir alafenamide]");
        assertThat(criterion(a, "regimen-stable").get("observed").asText()).isEqualTo("22 months since 2025-01-10");
    }

    // ---- a second reader's findings (ninth session): each a record a real EHR could send

    /** The baseline as a woman's record, with one more pregnancy status Observation. */
    private static Bundle womanWithPregnancyStatus(org.hl7.fhir.r4.model.Type effective, CodeableConcept value) {
        Bundle b = eligibleBundle();
        patient(b).setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        Observation o = labObservation(b, "preg-newer", FhirCandidateMapper.PREGNANCY_STATUS, "2026-11-25");
        o.setEffective(effective);
        o.setValue(value);
        b.addEntry().setResource(o);
        return b;
    }

    @Test
    void aNewerPregnancyStatusThatCannotBeReadIsNotOutweighedByAnOlderNegative() {
        // The baseline says not pregnant on an earlier day; a newer status says "unknown", or "pregnant" undated.
        JsonNode unknown = assess(womanWithPregnancyStatus(new DateTimeType("2026-11-25"), snomed("261665006")));
        assertThat(criterion(unknown, "not-pregnant-or-breastfeeding").get("status").asText()).as(unknown.toString())
                .isEqualTo("UNKNOWN");
        JsonNode undated = assess(womanWithPregnancyStatus(null, snomed(FhirCandidateMapper.SCT_PREGNANT)));
        assertThat(criterion(undated, "not-pregnant-or-breastfeeding").get("status").asText()).isEqualTo("UNKNOWN");
        JsonNode partial = assess(womanWithPregnancyStatus(new DateTimeType("2026-11"),
                snomed(FhirCandidateMapper.SCT_PREGNANT)));
        assertThat(criterion(partial, "not-pregnant-or-breastfeeding").get("status").asText()).isEqualTo("UNKNOWN");
        // An instant is a day too: pregnant on 25 November.
        JsonNode instant = assess(womanWithPregnancyStatus(new org.hl7.fhir.r4.model.InstantType(
                "2026-11-25T09:00:00Z"), snomed(FhirCandidateMapper.SCT_PREGNANT)));
        assertThat(criterion(instant, "not-pregnant-or-breastfeeding").get("status").asText()).isEqualTo("NOT_MET");
    }

    @Test
    void whatTheConditionListsCannotPlaceStandsAgainstAGeneralNone() {
        org.hl7.fhir.r4.model.Condition none = condition("none", ConditionCodes.ICD10, "B20", "refuted", null);
        org.hl7.fhir.r4.model.Condition textOnly = condition("pcp", ConditionCodes.ICD10, "B59", "confirmed", null);
        textOnly.setClinicalStatus(new CodeableConcept().setText("Active"));
        JsonNode a = assess(withInfections(none, textOnly));
        assertThat(criterion(a, "no-active-oi").get("status").asText()).as(a.toString()).isEqualTo("UNKNOWN");
        // An infection the list does not hold (herpes simplex, ICD-10-CM B00.81), active: not known to be no OI.
        JsonNode hsv = assess(withInfections(none.copy(),
                condition("hsv", ConditionCodes.ICD10_CM, "B00.81", "confirmed", "active")));
        assertThat(criterion(hsv, "no-active-oi").get("status").asText()).isEqualTo("UNKNOWN");
        JsonNode over = assess(withInfections(none.copy(),
                condition("hsv", ConditionCodes.ICD10_CM, "B00.81", "confirmed", "resolved")));
        assertThat(criterion(over, "no-active-oi").get("status").asText()).isEqualTo("MET");
        // A personal history of lung cancer (Z85.118) beside the baseline's refuted C80.
        Bundle b = eligibleBundle();
        org.hl7.fhir.r4.model.Condition history = condition("z85", ConditionCodes.ICD10_CM, "Z85.118", "confirmed",
                "resolved");
        history.setSubject(current(b).getSubject().copy());
        b.addEntry().setResource(history);
        JsonNode z85 = assess(b);
        assertThat(criterion(z85, "no-malignancy").get("status").asText()).as(z85.toString()).isEqualTo("UNKNOWN");
    }

    @ParameterizedTest(name = "recorded {0}")
    @CsvSource(nullValues = "-", value = {
            "2026-11-26, MET", "2026-08-28, MET", "2026-08-27, UNKNOWN", "-, UNKNOWN", "2026-11, UNKNOWN",
            "2026-11-27, UNKNOWN"})
    void aStatedNegativeCountsOnlyWhenRecordedWithinTheWindowBeforeTheAsOfDate(String recorded, String status) {
        // Both general negatives recorded on that day (the as-of date is 2026-11-26; the window 90 days): "no cancer"
        // said in 2015, or on an unknown day, says nothing of today.
        Bundle b = eligibleBundle();
        for (String id : List.of("malignancy-refuted", "oi")) {
            org.hl7.fhir.r4.model.Condition c = (org.hl7.fhir.r4.model.Condition) b.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r.getIdElement().getIdPart().equals(id)).findFirst().orElseThrow();
            c.setRecordedDateElement(recorded == null ? null : new DateTimeType(recorded));
        }
        JsonNode a = assess(b);
        assertThat(criterion(a, "no-malignancy").get("status").asText()).as(a.toString()).isEqualTo(status);
        assertThat(criterion(a, "no-active-oi").get("status").asText()).isEqualTo(status);
        assertThat(a.get("verdict").asText()).isEqualTo(status.equals("MET") ? "ELIGIBLE" : "INCOMPLETE");
    }

    /** The baseline (refuted C80 and refuted WHO B20) with one more Condition, confirmed, of this SNOMED CT code. */
    private JsonNode withUnlistedSnomed(String code, String display, String text, String clinical) {
        org.hl7.fhir.r4.model.Condition c = condition("unlisted", ConditionCodes.SNOMED, code, "confirmed", clinical);
        c.getCode().getCodingFirstRep().setDisplay(display);
        c.getCode().setText(text);
        Bundle b = eligibleBundle();
        c.setSubject(current(b).getSubject().copy());
        b.addEntry().setResource(c);
        return assess(b);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            a lymphoma by its display           | 118599009 | Hodgkin's disease                  | -                        | active   | UNKNOWN | MET
            a cancer by its text only           | -         | -                                  | Carcinoma of breast      | inactive | UNKNOWN | MET
            an infection by its display, active | 45816000  | Pneumocystis jirovecii pneumonia   | -                        | active   | MET     | UNKNOWN
            the same infection resolved         | 45816000  | Pneumocystis jirovecii pneumonia   | -                        | resolved | MET     | MET
            a code with no words at all         | 123456007 | -                                  | -                        | active   | UNKNOWN | UNKNOWN
            HIV infection itself                | 86406008  | Human immunodeficiency virus infection | -                    | active   | MET     | MET
            hypertension                        | 59621000  | Essential hypertension             | -                        | active   | MET     | MET""")
    void aConditionTheCodesCannotPlaceIsReadByItsWordsAgainstAGeneralNone(String what, String code, String display,
            String text, String clinical, String malignancy, String oi) {
        JsonNode a = withUnlistedSnomed(code, display, text, clinical);
        assertThat(criterion(a, "no-malignancy").get("status").asText()).as(a.toString()).isEqualTo(malignancy);
        assertThat(criterion(a, "no-active-oi").get("status").asText()).as(a.toString()).isEqualTo(oi);
        if (malignancy.equals("MET") && oi.equals("MET")) {
            assertThat(a.get("verdict").asText()).isEqualTo("ELIGIBLE");
        } else {
            assertThat(a.get("verdict").asText()).isEqualTo("INCOMPLETE");
        }
    }

    /** The baseline's creatinine as 1.6 mg/dL of a woman, with these reference ranges. */
    private static Bundle creatinine(Observation.ObservationReferenceRangeComponent... ranges) {
        Bundle b = eligibleBundle();
        patient(b).setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        Observation o = obs(b, FhirCandidateMapper.CREATININE);
        o.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(new java.math.BigDecimal("1.6"))
                .setSystem("http://unitsofmeasure.org").setCode("mg/dL"));
        o.getReferenceRange().clear();
        for (Observation.ObservationReferenceRangeComponent r : ranges) {
            o.addReferenceRange(r);
        }
        return b;
    }

    private static Observation.ObservationReferenceRangeComponent range(String high, String unit, String sex) {
        Observation.ObservationReferenceRangeComponent r = new Observation.ObservationReferenceRangeComponent();
        r.setHigh(new org.hl7.fhir.r4.model.Quantity().setValue(new java.math.BigDecimal(high))
                .setSystem("http://unitsofmeasure.org").setCode(unit));
        if (sex != null) {
            r.addAppliesTo(snomed(sex));
        }
        return r;
    }

    @Test
    void creatinineIsComparedWithTheUpperLimitThatAppliesToThePatient() {
        // Male 1.3, female 1.0 mg/dL: hers gives 1.6 x ULN, not the first range's 1.23.
        JsonNode bySex = assess(creatinine(range("1.3", "mg/dL", "248153007"), range("1.0", "mg/dL", "248152002")));
        assertThat(criterion(bySex, "creatinine").get("status").asText()).as(bySex.toString()).isEqualTo("NOT_MET");
        JsonNode twoWithoutSex = assess(creatinine(range("1.3", "mg/dL", null), range("1.0", "mg/dL", null)));
        assertThat(criterion(twoWithoutSex, "creatinine").get("status").asText()).isEqualTo("UNKNOWN");
        JsonNode otherUnit = assess(creatinine(range("110", "umol/L", null)));
        assertThat(criterion(otherUnit, "creatinine").get("status").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void aResultNamingNoPatientByReferenceIsRefusedNotUsedAsTheirs() {
        Bundle none = eligibleBundle();
        hivRna(none).setSubject(null);
        assertRefused(none, "names no subject reference");
        Bundle byIdentifier = eligibleBundle();
        hivRna(byIdentifier).setSubject(new Reference().setIdentifier(
                new org.hl7.fhir.r4.model.Identifier().setSystem("urn:oid:1.2.3.4").setValue("MRN-999")));
        assertRefused(byIdentifier, "names no subject reference");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "birthDate        | \"birthDate\":\"[^\"]*\"",
            "gender           | \"gender\":\"[^\"]*\"",
            "MedicationStatement.status | \"status\":\"active\""})
    void anElementCarryingOnlyADataAbsentReasonIsNotA500(String what, String element) {
        String json = FhirJson.write(eligibleBundle());
        String name = element.substring(1, element.indexOf('"', 1));
        String absent = "\"_" + name + "\":{\"extension\":[{\"url\":"
                + "\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\",\"valueCode\":\"unknown\"}]}";
        String changed = json.replaceFirst(element, java.util.regex.Matcher.quoteReplacement(absent));
        assertThat(changed).as("the element was in the Bundle").isNotEqualTo(json);
        HttpResponse<String> r = post(PATH + "?asOf=2026-11-26", changed, FhirJson.MEDIA_TYPE, "application/json");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 400);
    }

    @Test
    void aCensoringComparatorCarryingOnlyADataAbsentReasonIsNotA500() {
        Bundle b = eligibleBundle();
        Observation cd4 = obs(b, FhirCandidateMapper.CD4_COUNT);
        ((org.hl7.fhir.r4.model.Quantity) cd4.getValue()).getComparatorElement().addExtension(
                "http://hl7.org/fhir/StructureDefinition/data-absent-reason", new org.hl7.fhir.r4.model.CodeType("unknown"));
        HttpResponse<String> r = post(PATH + "?asOf=2026-11-26", FhirJson.write(b), FhirJson.MEDIA_TYPE,
                "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aDrugCodedByAProductCodeIsReadByItsIngredient() {
        // Raltegravir added five weeks ago, as a Medication coded by NDC only, with its ingredient named.
        Bundle b = eligibleBundle();
        Medication m = new Medication();
        m.setId("ral");
        m.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/ndc", "0006-0227-61", null)));
        m.addIngredient().setItem(new CodeableConcept().setText("raltegravir"));
        b.addEntry().setResource(m);
        MedicationStatement added = arvStatement(b, "added", null, MedicationStatement.MedicationStatementStatus.ACTIVE,
                new Period().setStartElement(new DateTimeType("2026-10-20")));
        added.setMedication(new Reference("Medication/ral"));
        b.addEntry().setResource(added);
        JsonNode a = assess(b);
        assertThat(criterion(a, "regimen-stable").get("status").asText()).as(a.toString()).isEqualTo("NOT_MET");
        assertThat(criterion(a, "on-cart").get("observed").asText()).contains("raltegravir");
    }

    @Test
    void anAntiviralThatIsNotAnHivDrugDoesNotDateARegimenChange() {
        // Oseltamivir (ATC J05AH02) for five days in November: influenza, not the antiretroviral regimen.
        Bundle b = eligibleBundle();
        MedicationStatement flu = arvStatement(b, "flu", null, MedicationStatement.MedicationStatementStatus.COMPLETED,
                new Period().setStartElement(new DateTimeType("2026-11-01")).setEndElement(new DateTimeType("2026-11-05")));
        flu.setMedication(new CodeableConcept(new Coding(DrugTerminology.ATC_SYSTEM, "J05AH02", null)));
        b.addEntry().setResource(flu);
        JsonNode a = assess(b);
        assertThat(criterion(a, "regimen-stable").get("status").asText()).as(a.toString()).isEqualTo("MET");
        assertThat(a.get("verdict").asText()).isEqualTo("ELIGIBLE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            its text                            | -                                  | -       | nirmatrelvir and ritonavir
            its brand in a display              | http://www.nlm.nih.gov/research/umls/rxnorm | 999999901 | Paxlovid 150 MG / 100 MG Oral Tablets
            its ATC code only                   | http://www.whocc.no/atc            | J05AE30 | -""")
    void aCovid19CourseOfNirmatrelvirAndRitonavirIsNotARegimenChange(String what, String system, String code,
            String name) {
        // Five days of nirmatrelvir with ritonavir in November: COVID-19, not HIV. (The RxNorm code is a made-up
        // product code the terminology does not list: the display names the product.)
        Bundle b = eligibleBundle();
        MedicationStatement covid = arvStatement(b, "covid", null,
                MedicationStatement.MedicationStatementStatus.COMPLETED, new Period()
                        .setStartElement(new DateTimeType("2026-11-01")).setEndElement(new DateTimeType("2026-11-05")));
        CodeableConcept medication = new CodeableConcept();
        if (code != null) {
            medication.addCoding(new Coding(system, code, system.contains("rxnorm") ? name : null));
        } else {
            medication.setText(name);
        }
        covid.setMedication(medication);
        b.addEntry().setResource(covid);
        JsonNode a = assess(b);
        assertThat(criterion(a, "regimen-stable").get("status").asText()).as(a.toString()).isEqualTo("MET");
        assertThat(criterion(a, "on-cart").get("status").asText()).isEqualTo("MET");
        assertThat(a.get("verdict").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void ritonavirAloneStillDatesARegimenChange() {
        // The same five days of ritonavir alone: a booster started or stopped is a change of the HIV regimen.
        Bundle b = eligibleBundle();
        MedicationStatement rtv = arvStatement(b, "rtv", "ritonavir",
                MedicationStatement.MedicationStatementStatus.COMPLETED, new Period()
                        .setStartElement(new DateTimeType("2026-11-01")).setEndElement(new DateTimeType("2026-11-05")));
        b.addEntry().setResource(rtv);
        JsonNode a = assess(b);
        assertThat(criterion(a, "regimen-stable").get("status").asText()).as(a.toString()).isEqualTo("NOT_MET");
    }

    @Test
    void anRhil7OrderNotYetGivenIsNotPriorTherapyAndAnOrderStartingLaterIsNotTheRegimen() {
        Bundle b = eligibleBundle();
        MedicationRequest il7 = arvRequest(b, "il7-order", "CYT107");
        il7.setAuthoredOnElement(new DateTimeType("2026-11-25"));
        b.addEntry().setResource(il7);
        JsonNode a = assess(b);
        assertThat(criterion(a, "no-prior-interleukin").get("status").asText()).as(a.toString())
                .isEqualTo("UNKNOWN");

        Bundle later = eligibleBundle();
        MedicationRequest renewal = arvRequest(later, "renewal", "dolutegravir");
        renewal.getDispenseRequest().setValidityPeriod(new Period().setStartElement(new DateTimeType("2026-12-01")));
        later.addEntry().setResource(renewal);
        JsonNode l = assess(later);
        assertThat(criterion(l, "regimen-stable").get("status").asText()).as(l.toString()).isEqualTo("MET");
    }

    @Test
    void aLog10ViralLoadCodeWithACopiesUnitIsRefused() {
        Bundle b = eligibleBundle();
        Observation vl = hivRna(b);
        // LOINC 29541-0 is HIV-1 RNA [Log #/volume]: 4.7 log10 is about 50,000 copies/mL.
        vl.setCode(new CodeableConcept(new Coding(FhirCandidateMapper.LOINC, "29541-0", null)));
        vl.setValue(new org.hl7.fhir.r4.model.Quantity().setValue(new java.math.BigDecimal("4.7"))
                .setSystem("http://unitsofmeasure.org").setCode("{copies}/mL"));
        assertRefused(b, "29541-0");
    }

    @Test
    void aViralLoadTextMentioningNotDetectedElsewhereIsNotNotDetected() {
        Bundle b = eligibleBundle();
        hivRna(b).setValue(new org.hl7.fhir.r4.model.StringType(
                "Invalid run: internal control not detected, please send a new sample"));
        assertRefused(b, "valueQuantity");
    }

    @Test
    void twoVersionsOfOneObservationOneEnteredInErrorAreRefused() {
        Bundle b = eligibleBundle();
        Observation cd4 = obs(b, FhirCandidateMapper.CD4_COUNT);
        // The same Observation (same id), its later version marked entered-in-error.
        Observation retracted = cd4.copy();
        retracted.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        b.addEntry().setResource(retracted);
        assertRefused(b, "two different versions of Observation/");
        // The very same resource twice (two prefetch searches may both return it) is one resource.
        Bundle twice = eligibleBundle();
        twice.addEntry().setResource(obs(twice, FhirCandidateMapper.CD4_COUNT).copy());
        assertThat(assess(twice).get("verdict").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void aDeceasedPatientIsRefused() {
        Bundle b = eligibleBundle();
        patient(b).setDeceased(new DateTimeType("2026-10-02"));
        assertRefused(b, "deceased");
    }

    private void assertRefused(Bundle b, String detail) {
        HttpResponse<String> r = post(PATH + "?asOf=2026-11-26", FhirJson.write(b), FhirJson.MEDIA_TYPE,
                "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains(detail);
    }

    private static org.hl7.fhir.r4.model.Patient patient(Bundle b) {
        return (org.hl7.fhir.r4.model.Patient) b.getEntryFirstRep().getResource();
    }

    private static Observation obs(Bundle b, String loinc) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation o && loinc.equals(o.getCode().getCodingFirstRep().getCode()))
                .map(Observation.class::cast).findFirst().orElseThrow();
    }

    private static Observation hivRna(Bundle b) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation o
                        && FhirCandidateMapper.HIV_RNA.contains(o.getCode().getCodingFirstRep().getCode()))
                .map(Observation.class::cast).findFirst().orElseThrow();
    }

    private static CodeableConcept snomed(String code) {
        return new CodeableConcept(new Coding(ConditionCodes.SNOMED, code, null));
    }

    private static Observation labObservation(Bundle b, String id, String loinc, String date) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(FhirCandidateMapper.LOINC, loinc, null)));
        o.setSubject(current(b).getSubject().copy());
        o.setEffective(new DateTimeType(date));
        return o;
    }

    private static MedicationStatement arvStatement(Bundle b, String id, String drug,
            MedicationStatement.MedicationStatementStatus status, org.hl7.fhir.r4.model.Type effective) {
        MedicationStatement ms = new MedicationStatement();
        ms.setId(id);
        ms.setStatus(status);
        ms.setSubject(current(b).getSubject().copy());
        ms.setMedication(new CodeableConcept().setText(drug));
        ms.setEffective(effective);
        return ms;
    }

    private static MedicationRequest arvRequest(Bundle b, String id, String drug) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        mr.setSubject(current(b).getSubject().copy());
        mr.setMedication(new CodeableConcept().setText(drug));
        mr.setAuthoredOnElement(new DateTimeType("2025-01-10"));
        return mr;
    }

    /** The baseline without abacavir: dolutegravir and lamivudine, two active agents. */
    private static Bundle twoAgents() {
        Bundle b = eligibleBundle();
        b.getEntry().removeIf(e -> e.getResource() instanceof MedicationStatement ms
                && ms.getIdElement().getIdPart().equals("art2"));
        return b;
    }

    private static ListResource nilKnownList(Bundle b) {
        ListResource l = new ListResource();
        l.setId("no-meds");
        l.setStatus(ListResource.ListStatus.CURRENT);
        l.setMode(ListResource.ListMode.SNAPSHOT);
        l.setCode(new CodeableConcept(new Coding(FhirCandidateMapper.LOINC, FhirCandidateMapper.MEDICATION_LIST, null)));
        l.setSubject(current(b).getSubject().copy());
        l.setEmptyReason(new CodeableConcept(new Coding(FhirCandidateMapper.LIST_EMPTY_REASON, "nilknown", null)));
        l.setDateElement(new DateTimeType("2026-11-19"));
        return l;
    }

    @Test
    void absenceIsNotANegative() {
        Bundle b = eligibleBundle();
        b.getEntry().removeIf(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Condition
                || e.getResource() instanceof MedicationStatement ms && ms.getIdElement().getIdPart().equals("il"));
        JsonNode a = assess(b);
        assertThat(a.get("verdict").asText()).isEqualTo("INCOMPLETE");
        assertThat(criterion(a, "no-prior-interleukin").get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(criterion(a, "no-malignancy").get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(criterion(a, "no-active-oi").get("status").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void theAnswerAsFhirIsAValidGuidanceResponseCarryingTheDecision() {
        HttpResponse<String> r = post(PATH + "?asOf=2026-11-26", FhirJson.write(eligibleBundle()),
                FhirJson.MEDIA_TYPE, FhirJson.MEDIA_TYPE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(FhirJson.MEDIA_TYPE);
        R4Validation.assertValid(r.body());
        GuidanceResponse g = FhirJson.parse(GuidanceResponse.class, r.body());
        assertThat(g.getStatus()).isEqualTo(GuidanceResponse.GuidanceResponseStatus.SUCCESS);
        assertThat(g.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("ELIGIBLE");
        assertThat(g.getRequestIdentifier().getValue()).startsWith("urn:uuid:");
        assertThat(g.getNote()).hasSize(14); // one per levy-2009 criterion
    }

    @Test
    void malformedFhirIsA400ProblemOrAValidOperationOutcome() {
        HttpResponse<String> problem = post(PATH, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"bogus\":1}",
                FhirJson.MEDIA_TYPE, "application/json");
        assertThat(problem.statusCode()).isEqualTo(400);
        assertThat(problem.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
        assertThat(problem.body()).contains(PROBLEMS + "malformed-json").contains("bogus");

        HttpResponse<String> outcome = post(PATH, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"bogus\":1}",
                FhirJson.MEDIA_TYPE, FhirJson.MEDIA_TYPE);
        assertThat(outcome.statusCode()).isEqualTo(400);
        R4Validation.assertValid(outcome.body());
        assertThat(FhirJson.parse(OperationOutcome.class, outcome.body()).getIssueFirstRep().getDiagnostics())
                .contains("bogus");
    }

    @Test
    void aBundleThatIsNotOnePatientsIsRefused() {
        Bundle transaction = eligibleBundle().setType(Bundle.BundleType.TRANSACTION);
        HttpResponse<String> r = post(PATH, FhirJson.write(transaction), FhirJson.MEDIA_TYPE, FhirJson.MEDIA_TYPE);
        assertThat(r.statusCode()).isEqualTo(400);
        R4Validation.assertValid(r.body());
        assertThat(r.body()).contains("collection or searchset");

        Bundle two = eligibleBundle();
        ((Observation) two.getEntry().get(1).getResource()).getSubject().setReference("Patient/someone-else");
        HttpResponse<String> p = post(PATH, FhirJson.write(two), FhirJson.MEDIA_TYPE, "application/json");
        assertThat(p.statusCode()).isEqualTo(400);
        assertThat(p.body()).contains("one patient per Bundle");
    }

    /** The baseline whose HIV-1 RNA result names this subject ("{id}": the Patient's), its Patient this fullUrl. */
    private static Bundle withViralLoadSubject(String subject, String fullUrl) {
        Bundle b = eligibleBundle();
        String id = patient(b).getIdElement().getIdPart();
        if (fullUrl != null) {
            b.getEntryFirstRep().setFullUrl(fullUrl.replace("{id}", id));
        }
        hivRna(b).getSubject().setReference(subject.replace("{id}", id));
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a patient of the same id on another server, https://other.example/fhir/Patient/{id}, ",
            "a patient on another server than the fullUrl of the Patient, https://other.example/fhir/Patient/{id}, https://ehr.example/fhir/Patient/{id}",
            "a resource type ending in Patient, OtherPatient/{id}, ",
            "an unresolved urn, urn:uuid:7d1f7a3e-0000-4000-8000-000000000001, urn:uuid:7d1f7a3e-0000-4000-8000-000000000002"})
    void aSubjectOfAnotherPatientIsRefusedWhateverItsForm(String what, String subject, String fullUrl) {
        assertRefused(withViralLoadSubject(subject, fullUrl), "one patient per Bundle");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "relative, Patient/{id}, ",
            "a version of it, Patient/{id}/_history/3, ",
            "the fullUrl of the Patient, urn:uuid:7d1f7a3e-0000-4000-8000-000000000001, urn:uuid:7d1f7a3e-0000-4000-8000-000000000001",
            "absolute on the server of the Patient, https://ehr.example/fhir/Patient/{id}, https://ehr.example/fhir/Patient/{id}"})
    void aSubjectNamingTheBundlesPatientIsRead(String what, String subject, String fullUrl) {
        JsonNode a = assess(withViralLoadSubject(subject, fullUrl));
        assertThat(criterion(a, "hiv-rna-suppressed").get("status").asText()).as(a.toString()).isEqualTo("MET");
        assertThat(a.get("verdict").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void aCalendarRequestMayGiveItsCandidateAsAFhirBundleAndGetsTheSameCalendar() throws Exception {
        Map<String, Object> jsonForm = Bodies.calendarRequest(ScenarioBundles.json(baseline().candidate()));
        Map<String, Object> fhirForm = Bodies.calendarRequest(null);
        fhirForm.remove("candidate");
        fhirForm.put("candidateBundle", JSON.readValue(FhirJson.write(eligibleBundle()), Map.class));
        HttpResponse<String> a = post("/v1/dosing/calendars", Bodies.toJson(jsonForm));
        HttpResponse<String> b = post("/v1/dosing/calendars", Bodies.toJson(fhirForm));
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
        JsonNode ja = JSON.readTree(a.body());
        JsonNode jb = JSON.readTree(b.body());
        assertThat(jb.get("doses")).isEqualTo(ja.get("doses"));
        assertThat(jb.get("eligibility")).isEqualTo(ja.get("eligibility"));

        fhirForm.put("candidate", ScenarioBundles.json(baseline().candidate()));
        HttpResponse<String> both = post("/v1/dosing/calendars", Bodies.toJson(fhirForm));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("candidateBundle");
    }

    @Test
    void aCalendarRequestWithOnlyACandidateBundleTakesItsBodyWeight() throws Exception {
        java.time.LocalDate weighed = org.il7cds.api.support.FixedClockConfiguration.TODAY.minusDays(3);
        Bundle b = eligibleBundle();
        String patient = b.getEntryFirstRep().getResource().getIdElement().getIdPart();
        b.addEntry().setResource(BodyWeights.bodyWeight("w-old", patient, "64", "kg", weighed.minusDays(90)));
        b.addEntry().setResource(BodyWeights.bodyWeight("w", patient, "155.4", "[lb_av]", weighed));
        Map<String, Object> request = Bodies.calendarRequest(null);
        request.remove("candidate");
        request.remove("weightKg");
        request.remove("weightMeasuredOn");
        request.put("candidateBundle", JSON.readValue(FhirJson.write(b), Map.class));
        HttpResponse<String> r = post("/v1/dosing/calendars", Bodies.toJson(request));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode calendar = JSON.readTree(r.body());
        assertThat(calendar.get("weightKg").decimalValue()).isEqualByComparingTo("70.488254298");
        assertThat(calendar.get("weightMeasuredOn").asText()).isEqualTo(weighed.toString());
        // 10 µg/kg × 70.488254298 kg = 704.88... µg, rounded half-up to 1 µg (levy-2009 dosing.doseRoundingIncrement)
        assertThat(calendar.get("doses").get(0).get("doseUg").decimalValue()).isEqualByComparingTo("705");

        Bundle none = eligibleBundle();
        request.put("candidateBundle", JSON.readValue(FhirJson.write(none), Map.class));
        HttpResponse<String> missing = post("/v1/dosing/calendars", Bodies.toJson(request));
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(missing.body()).contains("weightKg").contains("29463-7");

        Bundle stale = eligibleBundle();
        stale.addEntry().setResource(BodyWeights.bodyWeight("w-old", patient, "70", "kg", weighed.minusDays(60)));
        request.put("candidateBundle", JSON.readValue(FhirJson.write(stale), Map.class));
        HttpResponse<String> old = post("/v1/dosing/calendars", Bodies.toJson(request));
        assertThat(old.statusCode()).as(old.body()).isEqualTo(400);
        assertThat(old.body()).contains("weightMeasuredOn").contains("weigh the candidate again");
    }

    @Test
    void theJsonFormRefusesTheFhirFormsQueryParameters() {
        Map<String, Object> request = Bodies.assessment(Bodies.eligibleCandidate());
        HttpResponse<String> r = post(PATH + "?asOf=2026-11-26", Bodies.toJson(request));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("asOf").contains("FHIR form only");
    }

    /** The first MedicationStatement of the current regimen (art0; art-before is the regimen before the change). */
    private static MedicationStatement current(Bundle b) {
        return (MedicationStatement) b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof MedicationStatement && r.getIdElement().getIdPart().equals("art0"))
                .findFirst().orElseThrow();
    }

    private JsonNode assess(Bundle b) {
        HttpResponse<String> r = post(PATH + "?asOf=2026-11-26", FhirJson.write(b), FhirJson.MEDIA_TYPE,
                "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static EligibilityScenario baseline() {
        List<RuleProblem> problems = new ArrayList<>();
        return EligibilityScenarios.read(RULES, problems).stream()
                .filter(s -> s.file().endsWith("01-eligible-baseline.yaml")).findFirst().orElseThrow();
    }

    private static Bundle eligibleBundle() {
        return ScenarioBundles.bundle(baseline().candidate());
    }

    private static JsonNode criterion(JsonNode assessment, String id) {
        for (JsonNode c : assessment.get("criteria")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + id);
    }

    private static Map<String, String> statuses(JsonNode assessment) {
        Map<String, String> m = new LinkedHashMap<>();
        assessment.get("criteria").forEach(c -> m.put(c.get("id").asText(), c.get("status").asText()));
        return m;
    }
}
