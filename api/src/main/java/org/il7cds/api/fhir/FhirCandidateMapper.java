package org.il7cds.api.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.il7cds.api.generated.model.ArtHistoryDto;
import org.il7cds.api.generated.model.CandidateDto;
import org.il7cds.api.generated.model.ComparatorDto;
import org.il7cds.api.generated.model.CreatinineDto;
import org.il7cds.api.generated.model.LabValueDto;
import org.il7cds.api.generated.model.MalignancyDto;
import org.il7cds.api.generated.model.SexDto;
import org.il7cds.api.generated.model.ViralLoadDto;
import org.il7cds.engine.terminology.DrugTerminology;
import org.il7cds.engine.terminology.Ingredient;

/**
 * Maps one patient's FHIR R4 Bundle to the JSON API's candidate (docs/fhir.md has the table), so that a FHIR request
 * is assessed, validated and recorded exactly as the equivalent JSON request. Nothing is inferred from absence: a
 * datum the bundle does not state stays null (UNKNOWN), and only the negatives docs/fhir.md lists are negatives.
 */
final class FhirCandidateMapper {

    static final String LOINC = "http://loinc.org";
    static final String CD4_COUNT = "24467-3";
    static final String CD4_PERCENT = "8123-2";
    /** VSAC "HIV Viral Load Tests" (OID 2.16.840.1.113762.1.4.1248.377), copies or IU per volume (clinical ref §3.1). */
    static final Set<String> HIV_RNA = Set.of("20447-9", "25836-8", "70241-5", "48511-0", "41515-8", "62469-2",
            "10351-5", "23876-6", "21008-8", "21333-0", "59419-2", "104762-0", "104781-0");
    /** The same value set's log10 codes: a value without a unit is read as log10 copies/mL. */
    static final Set<String> HIV_RNA_LOG10 = Set.of("29541-0", "48510-2", "41516-6", "41514-1", "48552-4", "51780-5",
            "29539-4");
    static final String NEUTROPHILS = "751-8";
    static final String HAEMOGLOBIN = "718-7";
    static final String PLATELETS = "777-3";
    static final String CREATININE = "2160-0";
    static final String PREGNANCY_STATUS = "82810-3";
    static final String BREASTFEEDING_STATUS = "63895-7";
    static final String SCT_BREASTFEEDING = "413712001";
    static final String YES_NO = "http://terminology.hl7.org/CodeSystem/v2-0136";
    static final String SCT_PREGNANT = "77386006";
    static final String SCT_NOT_PREGNANT = "60001007";
    static final String SCT_NOT_DETECTED = "260415000";
    /** The texts of a valueString read as "target not detected" (anything else needs a valueQuantity). */
    static final Set<String> NOT_DETECTED_TEXTS = Set.of("not detected", "target not detected", "undetected",
            "hiv-1 rna not detected", "hiv-1 rna target not detected");
    static final String V3_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    static final String LIST_EMPTY_REASON = "http://terminology.hl7.org/CodeSystem/list-empty-reason";
    /** LOINC "History of Medication use Narrative": a List of the patient's medications. */
    static final String MEDICATION_LIST = "10160-0";
    /**
     * Interleukin therapies (criterion no-prior-interleukin): aldesleukin (IL-2, ATC L03AC01) and rhIL-7, by ATC code
     * or by name. Not in rules/ because no protocol counts them: the criterion only asks whether one was ever given.
     */
    static final Set<String> INTERLEUKIN_NAMES = Set.of("aldesleukin", "proleukin", "interleukin-2", "il-2",
            "interleukin 2", "interleukin-7", "interleukin 7", "il-7", "rhil-7", "cyt107", "cyt 99 007");
    static final String INTERLEUKIN_ATC = "L03AC01";
    /** Any of {@link #INTERLEUKIN_NAMES} as a whole word of a lower-case text. */
    private static final java.util.regex.Pattern INTERLEUKIN_TEXT = java.util.regex.Pattern.compile(
            "(?<![a-z0-9])(" + String.join("|", INTERLEUKIN_NAMES.stream().map(java.util.regex.Pattern::quote)
                    .toList()) + ")(?![a-z0-9])");
    /**
     * The ATC classes of direct-acting antivirals that hold HIV drugs: protease inhibitors (J05AE), nucleoside and
     * nucleotide reverse transcriptase inhibitors (J05AF), non-nucleoside ones (J05AG), integrase inhibitors (J05AJ),
     * HIV combinations (J05AR), other antivirals (J05AX: maraviroc, enfuvirtide, lenacapavir). Not J05AB (aciclovir),
     * J05AD, J05AH (oseltamivir), J05AP (hepatitis C): an unrecognised code in these is not read as an antiretroviral.
     */
    static final List<String> HIV_ATC_CLASSES = List.of("J05AE", "J05AF", "J05AG", "J05AJ", "J05AR", "J05AX");
    static final String US_CORE_BIRTH_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    private final DrugTerminology drugs;
    private final ConditionCodes conditions;
    private final LocalDate asOf;
    /** How old a pregnancy or breast-feeding status may be, and how long a gap in c-ART may be: assumptions [U]. */
    private final FhirProperties settings;

    FhirCandidateMapper(DrugTerminology drugs, ConditionCodes conditions, LocalDate asOf, FhirProperties settings) {
        this.drugs = drugs;
        this.conditions = conditions;
        this.asOf = asOf;
        this.settings = settings;
    }

    CandidateDto map(Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.COLLECTION && bundle.getType() != Bundle.BundleType.SEARCHSET) {
            throw new FhirInputException("Bundle.type must be collection or searchset, not "
                    + (bundle.getType() == null ? "absent" : bundle.getType().toCode()));
        }
        List<Resource> resources = new ArrayList<>();
        java.util.Map<String, Resource> byId = new java.util.HashMap<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r == null) {
                continue;
            }
            String id = r.fhirType() + "/" + r.getIdElement().getIdPart();
            Resource same = r.getIdElement().hasIdPart() ? byId.putIfAbsent(id, r) : null;
            if (same == null) {
                resources.add(r);
            } else if (!same.equalsDeep(r)) {
                // Two versions of one resource (say, a result and its later "entered in error"): which is meant?
                throw new FhirInputException("the Bundle holds two different versions of " + id
                        + ": send the current version only");
            }
        }
        List<Patient> patients = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
                .toList();
        if (patients.size() != 1) {
            throw new FhirInputException("the Bundle must hold exactly one Patient; it holds " + patients.size());
        }
        Patient patient = patients.get(0);
        String patientFullUrl = bundle.getEntry().stream().filter(e -> e.getResource() == patient).findFirst()
                .filter(Bundle.BundleEntryComponent::hasFullUrl).map(Bundle.BundleEntryComponent::getFullUrl)
                .orElse(null);
        CandidateDto c = new CandidateDto(patient.getIdElement().getIdPart());
        // Values, not has*(): an element carrying only an extension (data-absent-reason) has no value.
        if (patient.getBirthDateElement().getValue() != null) {
            org.hl7.fhir.r4.model.DateType born = patient.getBirthDateElement();
            if (born.getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
                throw new FhirInputException("Patient.birthDate '" + born.getValueAsString() + "' is a partial date:"
                        + " the age at the as-of date needs the day of birth");
            }
            // As written, never through java.util.Date and the server's time zone.
            c.setBirthDate(LocalDate.parse(born.getValueAsString()));
        }
        if (patient.getDeceased() instanceof org.hl7.fhir.r4.model.BooleanType dead && dead.booleanValue()
                || patient.getDeceased() instanceof DateTimeType died && died.hasValue()) {
            throw new FhirInputException("Patient.deceased: the record says the patient has died; no eligibility is"
                    + " assessed");
        }
        if (patient.getGender() != null && !(patient.getGender() == Enumerations.AdministrativeGender.MALE
                && bornOtherThanMale(patient))) {
            c.setSex(sex(patient.getGender()));
        }
        Art art = new Art();
        Statuses statuses = new Statuses();
        Set<MalignancyDto> malignancies = new LinkedHashSet<>();
        boolean malignancyRefuted = false;
        boolean oiActive = false;
        boolean oiOpen = false;
        boolean oiRefuted = false;
        boolean malignancyOpen = false;
        for (Resource r : resources) {
            if (r instanceof Patient) {
                continue;
            }
            checkSubject(r, patient, patientFullUrl);
            if (r instanceof Observation o) {
                observation(o, c, statuses);
            } else if (r instanceof MedicationStatement ms) {
                art.statement(ms, resources);
            } else if (r instanceof MedicationRequest mr) {
                art.request(mr, resources);
            } else if (r instanceof ListResource l) {
                art.list(l);
            } else if (r instanceof Condition cond) {
                boolean refuted = verification(cond, "refuted");
                boolean entered = verification(cond, "entered-in-error");
                if (entered) {
                    continue;
                }
                if (!refuted) {
                    // What the condition lists cannot place stands against a general "none" (docs/fhir.md).
                    oiOpen |= !over(cond) && unlistedInfection(cond.getCode());
                    malignancyOpen |= possibleNeoplasm(cond.getCode());
                    if (unplaced(cond.getCode())) {
                        // Not ICD-10 and not listed (a SNOMED CT code only, a text): read by its words, and one
                        // that says nothing at all is perhaps either.
                        List<String> texts = texts(cond.getCode());
                        malignancyOpen |= texts.isEmpty() || texts.stream().anyMatch(conditions::namesMalignancy);
                        oiOpen |= !over(cond)
                                && (texts.isEmpty() || texts.stream().anyMatch(conditions::namesInfection));
                    }
                }
                // Every kind its codings name: a Condition coded both Kaposi sarcoma and a lymphoma is both.
                for (ConditionCodes.Kind kind : kinds(cond.getCode())) {
                    if (kind == ConditionCodes.Kind.OPPORTUNISTIC_INFECTION) {
                        // A resolved or refuted infection says nothing of the others: only a refuted general code
                        // (WHO ICD-10 B20) says "none"; an active one, or one of no clinical status, stands against it.
                        if (refuted) {
                            oiRefuted |= generalOpportunisticInfection(cond.getCode()) && current(cond);
                        } else if (hasCode(cond.getClinicalStatus(), "active", "recurrence", "relapse")) {
                            oiActive = true;
                        } else if (!over(cond)) {
                            oiOpen = true; // no clinical status, or one the mapping cannot read: perhaps active
                        }
                    } else if (refuted) {
                        // Only malignancy refuted as a whole says "none": a lung cancer ruled out says nothing of others.
                        malignancyRefuted |= kind == ConditionCodes.Kind.MALIGNANCY
                                && generalMalignancy(cond.getCode()) && current(cond);
                    } else {
                        malignancies.add(switch (kind) {
                            case KAPOSI_SARCOMA -> MalignancyDto.KAPOSI_SARCOMA;
                            case BASAL_CELL_CARCINOMA -> MalignancyDto.BASAL_CELL_CARCINOMA;
                            default -> MalignancyDto.OTHER;
                        });
                    }
                }
            }
        }
        if (!malignancies.isEmpty()) {
            c.setMalignancyHistory(new ArrayList<>(malignancies));
        } else if (malignancyRefuted && !malignancyOpen) {
            c.setMalignancyHistory(new ArrayList<>());
        }
        c.setActiveOpportunisticInfection(oiActive ? Boolean.TRUE : oiRefuted && !oiOpen ? Boolean.FALSE : null);
        c.setPregnant(statuses.pregnant());
        c.setBreastfeeding(statuses.breastfeeding());
        c.setArt(art.toDto());
        c.setPriorInterleukinTherapy(art.priorInterleukin());
        return c;
    }

    private Set<ConditionCodes.Kind> kinds(CodeableConcept code) {
        Set<ConditionCodes.Kind> kinds = java.util.EnumSet.noneOf(ConditionCodes.Kind.class);
        for (Coding coding : code.getCoding()) {
            ConditionCodes.Kind k = conditions.kind(coding.getSystem(), coding.getCode());
            if (k != null) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    /**
     * Whether a code names malignancy as a whole, not one cancer: ICD-10 C80 (malignant neoplasm without specification
     * of site) or SNOMED CT 363346000 (malignant neoplastic disease). Refuted, such a Condition says "no malignancy".
     */
    private static boolean generalMalignancy(CodeableConcept code) {
        return code.getCoding().stream().anyMatch(cd -> cd.hasCode()
                && (ConditionCodes.ICD10.equals(cd.getSystem()) && ConditionCodes.icd10(cd.getCode())
                        .matches("C80(\\..*)?")
                        || ConditionCodes.SNOMED.equals(cd.getSystem()) && cd.getCode().equals("363346000")));
    }

    /**
     * Whether a code names HIV-associated infection as a whole, not one infection: WHO ICD-10 B20 (HIV disease
     * resulting in infectious and parasitic diseases), the category itself (B20.0, mycobacterial, is one infection).
     * Refuted, such a Condition says "no opportunistic infection". Not ICD-10-CM, where B20 is HIV disease itself
     * (refuted, it would deny the HIV infection).
     */
    private static boolean generalOpportunisticInfection(CodeableConcept code) {
        return code.getCoding().stream().anyMatch(cd -> cd.hasCode() && ConditionCodes.ICD10.equals(cd.getSystem())
                && ConditionCodes.icd10(cd.getCode()).equals("B20"));
    }

    /**
     * Whether a stated general negative is the patient's state now: recorded ({@code recordedDate}, a full day) on or
     * before the as-of date and at most {@code il7cds.fhir.negative-max-age-days} before it. An undated negative, a
     * partial date or one recorded after the as-of date is not: "no cancer" said years ago, or on an unknown day, says
     * nothing of today.
     */
    private boolean current(Condition c) {
        return recent(localDate(c.getRecordedDateElement()));
    }

    /** Whether a negative stated on {@code day} is current: on or before the as-of date, within the window. */
    private boolean recent(LocalDate day) {
        return day != null && !day.isAfter(asOf) && !day.isBefore(asOf.minusDays(settings.negativeMaxAgeDays()));
    }

    /**
     * The day a MedicationStatement was stated: its {@code dateAsserted}, else its {@code effectiveDateTime}, else the
     * end of its {@code effectivePeriod}; null otherwise ("not taken" from 2015 with no end says nothing of today).
     */
    private static LocalDate statedOn(MedicationStatement ms) {
        LocalDate asserted = localDate(ms.getDateAssertedElement());
        if (asserted != null) {
            return asserted;
        }
        if (ms.getEffective() instanceof DateTimeType dt) {
            return localDate(dt);
        }
        return ms.getEffective() instanceof Period p && p.hasEnd() ? localDate(p.getEndElement()) : null;
    }

    /** Whether a Condition's clinical status says it is over (inactive, remission, resolved). */
    private static boolean over(Condition c) {
        return c.hasClinicalStatus() && hasCode(c.getClinicalStatus(), "inactive", "remission", "resolved");
    }

    /**
     * An ICD-10 infection (chapter I, A00-B99) that conditions.yaml does not list, other than HIV disease itself
     * (B20-B24): not known to be other than an opportunistic infection.
     */
    private boolean unlistedInfection(CodeableConcept code) {
        return code.getCoding().stream().anyMatch(cd -> {
            if (!ConditionCodes.isIcd10(cd.getSystem()) || !cd.hasCode()) {
                return false;
            }
            String icd = ConditionCodes.icd10(cd.getCode());
            return icd.matches("[AB][0-9].*") && !icd.matches("B2[0-4](\\..*)?")
                    && conditions.kind(cd.getSystem(), cd.getCode()) == null;
        });
    }

    /**
     * A code the lists cannot place: no listed coding and no ICD-10 coding (ICD-10 is a classification, so an unlisted
     * ICD-10 code outside the ranges above is known not to be a malignancy or an infection; a SNOMED CT code is not
     * subsumed without a terminology server, so an unlisted one may be either).
     */
    private boolean unplaced(CodeableConcept code) {
        return kinds(code).isEmpty() && code.getCoding().stream()
                .noneMatch(cd -> ConditionCodes.isIcd10(cd.getSystem()) && cd.hasCode());
    }

    /** A code's text and its codings' displays. */
    private static List<String> texts(CodeableConcept code) {
        List<String> texts = new ArrayList<>();
        if (code.hasText()) {
            texts.add(code.getText());
        }
        code.getCoding().stream().filter(Coding::hasDisplay).forEach(cd -> texts.add(cd.getDisplay()));
        return texts;
    }

    /**
     * An ICD-10 code that may be a malignancy the lists do not classify: a neoplasm in situ or of uncertain behaviour
     * (D00-D09, D37-D49), a personal history of malignant neoplasm (Z85), HIV disease resulting in malignant
     * neoplasms (WHO B21). A refuted C80 does not outweigh it.
     */
    private static boolean possibleNeoplasm(CodeableConcept code) {
        return code.getCoding().stream().anyMatch(cd -> ConditionCodes.isIcd10(cd.getSystem()) && cd.hasCode()
                && ConditionCodes.icd10(cd.getCode()).matches("(D0[0-9]|D3[7-9]|D4[0-9]|Z85|B21)(\\..*)?"));
    }

    private static boolean verification(Condition c, String code) {
        return c.hasVerificationStatus() && hasCode(c.getVerificationStatus(), code);
    }

    private static boolean hasCode(CodeableConcept cc, String... codes) {
        for (Coding coding : cc.getCoding()) {
            for (String code : codes) {
                if (code.equals(coding.getCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every resource must be about the bundle's one patient (a subject of another patient, or none, is refused). The
     * subject names it as "Patient/{id}" (a version may follow), or as the Patient entry's fullUrl; an absolute reference
     * only on the server of that fullUrl: "https://other.example/fhir/Patient/{id}" is another server's patient, who
     * may share the id.
     */
    private static void checkSubject(Resource r, Patient patient, String patientFullUrl) {
        // HAPI's getSubject() gives an empty Reference when the resource has none; null: not a resource about a patient.
        Reference subject = r instanceof Observation o ? o.getSubject()
                : r instanceof MedicationStatement m ? m.getSubject()
                : r instanceof MedicationRequest m ? m.getSubject()
                : r instanceof Condition c ? c.getSubject()
                : r instanceof ListResource l ? l.getSubject() : null;
        if (subject == null) {
            return;
        }
        if (subject.getReference() == null) {
            // No reference (none, or an identifier only): whose result it is cannot be told, so it is not used as theirs.
            throw new FhirInputException(r.fhirType() + "/" + r.getIdElement().getIdPart() + " names no subject"
                    + " reference: give subject.reference Patient/" + patient.getIdElement().getIdPart()
                    + "; one patient per Bundle");
        }
        if (!refersTo(subject.getReference(), patient.getIdElement().getIdPart(), patientFullUrl)) {
            throw new FhirInputException(r.fhirType() + "/" + r.getIdElement().getIdPart() + " is about "
                    + subject.getReference() + ", not Patient/" + patient.getIdElement().getIdPart()
                    + (patientFullUrl == null ? "" : " (" + patientFullUrl + ")") + ": one patient per Bundle");
        }
    }

    private static boolean refersTo(String reference, String patientId, String patientFullUrl) {
        if (patientFullUrl != null && !patientFullUrl.isBlank() && reference.equals(patientFullUrl)) {
            return true;
        }
        org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(reference);
        if (!"Patient".equals(id.getResourceType()) || patientId == null || !patientId.equals(id.getIdPart())) {
            return false;
        }
        if (!id.hasBaseUrl()) {
            return true;
        }
        org.hl7.fhir.r4.model.IdType full = patientFullUrl == null ? null
                : new org.hl7.fhir.r4.model.IdType(patientFullUrl);
        return full != null && full.hasBaseUrl() && id.getBaseUrl().equals(full.getBaseUrl());
    }

    /**
     * Pregnancy and breast-feeding statuses, each read from the latest dated Observation: not the last one in the
     * Bundle. Undated ones, same-day ones that disagree, and a latest one older than {@code maxAgeDays} before the
     * as-of date leave the status unknown (null): an old "not pregnant" is not a negative today.
     */
    private final class Statuses {
        private final List<Dated> pregnancy = new ArrayList<>();
        private final List<Dated> breastfeeding = new ArrayList<>();
        /** A status without a day (none, or a partial date): which is the latest is not known. */
        private boolean pregnancyUndated;
        private boolean breastfeedingUndated;

        /** A status on a day; a null value is an answer the mapping cannot read ("unknown", "possible"). */
        private record Dated(LocalDate on, Boolean value) {
        }

        void pregnancy(Observation o, Boolean value) {
            pregnancyUndated |= !add(pregnancy, o, value);
        }

        void breastfeeding(Observation o, Boolean value) {
            breastfeedingUndated |= !add(breastfeeding, o, value);
        }

        /** False when the status has no day: a newer unreadable or undated status may stand over a dated one. */
        private boolean add(List<Dated> to, Observation o, Boolean value) {
            LocalDate on = effectiveDay(o);
            if (on == null) {
                return false;
            }
            if (!on.isAfter(asOf)) {
                to.add(new Dated(on, value));
            }
            return true;
        }

        Boolean pregnant() {
            return pregnancyUndated ? null : current(pregnancy);
        }

        Boolean breastfeeding() {
            return breastfeedingUndated ? null : current(breastfeeding);
        }

        private Boolean current(List<Dated> all) {
            LocalDate latest = all.stream().map(Dated::on).max(java.util.Comparator.naturalOrder()).orElse(null);
            if (latest == null || latest.isBefore(asOf.minusDays(settings.statusMaxAgeDays()))) {
                return null;
            }
            Set<Boolean> values = new java.util.HashSet<>();
            all.stream().filter(d -> d.on().equals(latest)).forEach(d -> values.add(d.value()));
            return values.size() == 1 ? values.iterator().next() : null;
        }
    }

    private void observation(Observation o, CandidateDto c, Statuses statuses) {
        if (o.getStatus() != Observation.ObservationStatus.FINAL
                && o.getStatus() != Observation.ObservationStatus.AMENDED
                && o.getStatus() != Observation.ObservationStatus.CORRECTED) {
            return; // preliminary, cancelled, entered in error: not a result to decide on
        }
        String code = loinc(o.getCode());
        if (code == null) {
            return;
        }
        String at = "Observation/" + o.getIdElement().getIdPart();
        if (code.equals(PREGNANCY_STATUS)) {
            Boolean p = o.getValue() instanceof CodeableConcept cc ? (hasSnomed(cc, SCT_PREGNANT) ? Boolean.TRUE
                    : hasSnomed(cc, SCT_NOT_PREGNANT) ? Boolean.FALSE : null) : null;
            statuses.pregnancy(o, p); // an answer it cannot read too: the status is then unknown, not the older one
            return;
        }
        if (code.equals(BREASTFEEDING_STATUS)) {
            Boolean b = o.getValue() instanceof org.hl7.fhir.r4.model.BooleanType bt ? bt.getValue()
                    : o.getValue() instanceof CodeableConcept cc ? (hasSnomed(cc, SCT_BREASTFEEDING) || yesNo(cc, "Y")
                            ? Boolean.TRUE : yesNo(cc, "N") ? Boolean.FALSE : null) : null;
            statuses.breastfeeding(o, b);
            return;
        }
        boolean known = Set.of(CD4_COUNT, CD4_PERCENT, NEUTROPHILS, HAEMOGLOBIN, PLATELETS, CREATININE).contains(code)
                || HIV_RNA.contains(code) || HIV_RNA_LOG10.contains(code);
        if (!known) {
            return;
        }
        LocalDate drawn = effective(o, at);
        if (HIV_RNA.contains(code) || HIV_RNA_LOG10.contains(code)) {
            ViralLoadDto v = new ViralLoadDto(drawn);
            if (notDetected(o)) {
                v.setResult(ViralLoadDto.ResultEnum.NOT_DETECTED);
            } else {
                Quantity q = quantity(o, at);
                v.setValue(q.getValue());
                v.setComparator(comparator(q));
                String unit = unit(q, HIV_RNA_LOG10.contains(code) ? "log10 copies/mL" : null, at);
                if (HIV_RNA_LOG10.contains(code) && !unit.toLowerCase(java.util.Locale.ROOT).contains("log")) {
                    throw new FhirInputException(at + ": LOINC " + code + " is a log10 viral load, but its unit '"
                            + unit + "' is not a log unit: send the unit the value is in (log10 copies/mL, or copies/mL"
                            + " with a copies code)");
                }
                v.setUnit(unit);
            }
            add(c.getHivRna(), c::setHivRna, v);
            return;
        }
        Quantity q = quantity(o, at);
        if (q.getComparator() != null) {
            throw new FhirInputException(at + ": a censored value (" + q.getComparator().toCode()
                    + ") is accepted for HIV-1 RNA only");
        }
        String unit = unit(q, null, at);
        if (code.equals(CREATININE)) {
            BigDecimal uln = upperLimitOfNormal(o, unit, c.getSex());
            if (uln == null) {
                return; // no one upper limit of normal: the result cannot be compared; creatinine stays UNKNOWN
            }
            add(c.getCreatinine(), c::setCreatinine, new CreatinineDto(q.getValue(), unit, uln, drawn));
            return;
        }
        LabValueDto lab = new LabValueDto(q.getValue(), unit, drawn);
        switch (code) {
            case CD4_COUNT -> add(c.getCd4Counts(), c::setCd4Counts, lab);
            case CD4_PERCENT -> add(c.getCd4Percents(), c::setCd4Percents, lab);
            case NEUTROPHILS -> add(c.getNeutrophils(), c::setNeutrophils, lab);
            case HAEMOGLOBIN -> add(c.getHaemoglobin(), c::setHaemoglobin, lab);
            default -> add(c.getPlatelets(), c::setPlatelets, lab);
        }
    }

    /**
     * The upper limit of normal that applies to this patient: the reference ranges with a high value in the result's
     * unit (a high in another unit is not converted), narrowed to those whose {@code appliesTo} names the patient's
     * sex (SNOMED CT male 248153007, female 248152002) when several differ; null unless one value remains (ranges by
     * age, or a sex the record does not give, leave creatinine UNKNOWN rather than taking the first).
     */
    private static BigDecimal upperLimitOfNormal(Observation o, String unit, SexDto sex) {
        List<Observation.ObservationReferenceRangeComponent> ranges = o.getReferenceRange().stream()
                .filter(rr -> rr.hasHigh() && rr.getHigh().getValue() != null).toList();
        if (ranges.stream().anyMatch(rr -> unitOf(rr.getHigh()) != null && !unitOf(rr.getHigh()).equals(unit))) {
            return null;
        }
        Set<BigDecimal> all = highs(ranges);
        if (all.size() <= 1) {
            return all.isEmpty() ? null : all.iterator().next();
        }
        String sexCode = sex == SexDto.MALE ? "248153007" : sex == SexDto.FEMALE ? "248152002" : null;
        Set<BigDecimal> forPatient = highs(ranges.stream().filter(rr -> !rr.hasAppliesTo() || sexCode != null
                && rr.getAppliesTo().stream().anyMatch(cc -> hasSnomed(cc, sexCode))).toList());
        return forPatient.size() == 1 ? forPatient.iterator().next() : null;
    }

    /** The ranges' high values, equal ones once (1.2 and 1.20 are one). */
    private static Set<BigDecimal> highs(List<Observation.ObservationReferenceRangeComponent> ranges) {
        Set<BigDecimal> highs = new java.util.TreeSet<>();
        ranges.forEach(rr -> highs.add(rr.getHigh().getValue()));
        return highs;
    }

    private static <T> void add(List<T> list, java.util.function.Consumer<List<T>> set, T item) {
        if (list == null) {
            List<T> l = new ArrayList<>();
            l.add(item);
            set.accept(l);
        } else {
            list.add(item);
        }
    }

    private static boolean notDetected(Observation o) {
        if (o.getValue() instanceof CodeableConcept cc && hasSnomed(cc, SCT_NOT_DETECTED)) {
            return true;
        }
        // The whole text, not a phrase in it: "internal control not detected, please send a new sample" is no result.
        if (o.getValue() instanceof org.hl7.fhir.r4.model.StringType s && s.getValue() != null
                && NOT_DETECTED_TEXTS.contains(s.getValue().strip().toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        return !o.hasValue() && o.getInterpretation().stream().anyMatch(cc -> cc.getCoding().stream()
                .anyMatch(cd -> V3_INTERPRETATION.equals(cd.getSystem()) && "ND".equals(cd.getCode())));
    }

    private static boolean yesNo(CodeableConcept cc, String code) {
        return cc.getCoding().stream().anyMatch(cd -> YES_NO.equals(cd.getSystem()) && code.equals(cd.getCode()));
    }

    private static boolean hasSnomed(CodeableConcept cc, String code) {
        return cc.getCoding().stream().anyMatch(cd -> ConditionCodes.SNOMED.equals(cd.getSystem())
                && code.equals(cd.getCode()));
    }

    private static String loinc(CodeableConcept cc) {
        return cc.getCoding().stream().filter(cd -> LOINC.equals(cd.getSystem()) && cd.hasCode())
                .map(Coding::getCode).findFirst().orElse(null);
    }

    private static Quantity quantity(Observation o, String at) {
        if (!(o.getValue() instanceof Quantity q) || q.getValue() == null) {
            throw new FhirInputException(at + ": valueQuantity with a value is required for this LOINC code"
                    + " (or, for HIV-1 RNA, 'not detected' as docs/fhir.md shows)");
        }
        return q;
    }

    private static ComparatorDto comparator(Quantity q) {
        return q.getComparator() != null ? ComparatorDto.fromValue(q.getComparator().toCode()) : null;
    }

    /** The UCUM code when the Quantity gives one, else its human-readable unit; null when it gives neither. */
    private static String unitOf(Quantity q) {
        return q.getCode() != null ? q.getCode() : q.getUnit();
    }

    /** {@link #unitOf}, else {@code whenAbsent}; refused when there is none. */
    private static String unit(Quantity q, String whenAbsent, String at) {
        String unit = unitOf(q) != null ? unitOf(q) : whenAbsent;
        if (unit == null) {
            throw new FhirInputException(at + ": valueQuantity needs a unit (a UCUM code)");
        }
        return unit;
    }

    static LocalDate effective(Observation o, String at) {
        Type t = o.getEffective();
        boolean given = t instanceof DateTimeType dt && dt.getValue() != null
                || t instanceof Period p && p.getStartElement().getValue() != null
                || t instanceof org.hl7.fhir.r4.model.InstantType i && i.getValue() != null;
        if (!given) {
            throw new FhirInputException(at + ": effectiveDateTime (the date the sample was drawn) is required");
        }
        LocalDate drawn = effectiveDay(o);
        if (drawn == null) {
            throw new FhirInputException(at + ": effectiveDateTime is a partial date; the day the sample was drawn is"
                    + " needed (which result is the latest, and whether it is recent enough, depend on it)");
        }
        return drawn;
    }

    /** The day of an Observation's effective[x] as written (dateTime, instant, a period's start); null without one. */
    private static LocalDate effectiveDay(Observation o) {
        Type t = o.getEffective();
        return t instanceof DateTimeType dt ? localDate(dt)
                : t instanceof Period p && p.hasStart() ? localDate(p.getStartElement())
                : t instanceof org.hl7.fhir.r4.model.InstantType i && i.getValueAsString() != null
                        ? LocalDate.parse(i.getValueAsString().substring(0, 10)) : null;
    }

    /**
     * The calendar date as written ("2026-11-19T08:30:00+01:00" is 19 November), never shifted by a time zone; null for
     * a partial date ("2026-08"): its first day would be a guess, and for a start date the guess that favours
     * eligibility.
     */
    private static LocalDate localDate(DateTimeType dt) {
        String s = dt.getValueAsString();
        return s == null || s.length() < 10 ? null : LocalDate.parse(s.substring(0, 10));
    }

    /**
     * Whether a US Core birth sex says other than male. {@code Patient.gender} is administrative; "male" is read as
     * "cannot be pregnant" (no pregnancy status needed) only when no birth sex contradicts it: a transgender man may be.
     */
    private static boolean bornOtherThanMale(Patient patient) {
        return patient.getExtensionsByUrl(US_CORE_BIRTH_SEX).stream()
                .anyMatch(e -> !(e.getValue() instanceof org.hl7.fhir.r4.model.CodeType code
                        && "M".equals(code.getValue())));
    }

    private static SexDto sex(Enumerations.AdministrativeGender g) {
        return switch (g) {
            case MALE -> SexDto.MALE;
            case FEMALE -> SexDto.FEMALE;
            case OTHER -> SexDto.OTHER;
            default -> SexDto.UNKNOWN;
        };
    }

    /** The antiretroviral history from MedicationStatements and MedicationRequests (docs/fhir.md, "Medications"). */
    /**
     * How a medication resource says the drug is used at the as-of date: taken now; stopped (or taken on a date before
     * it); paused (on-hold: stopped at a date the record does not give); or not known (status unknown, or an end date
     * the record gives only to the month), which may be either.
     */
    private enum Use { ACTIVE, STOPPED, PAUSED, UNCERTAIN }

    /** When an antiretroviral was taken: from its start to its end, or to an end the record does not give (null). */
    private record Taken(LocalDate from, LocalDate to) {
    }

    private final class Art {
        private final List<String> current = new ArrayList<>();
        private LocalDate firstStart;
        /** The recognised antiretrovirals, each with its start. */
        private final List<Taken> taken = new ArrayList<>();
        /** Unresolved medications (perhaps antiretrovirals) with a start. */
        private final List<Taken> perhapsTaken = new ArrayList<>();
        private boolean startUnknown;
        private LocalDate lastChange;
        /** A medication whose dates or status cannot place its change: the last regimen change is not known. */
        private boolean changeUnknown;
        private boolean nilKnown;
        private boolean any;
        /** True once an interleukin was given; false when the record states one was not taken; null: not known. */
        private Boolean interleukin;
        /** An interleukin whose use the record leaves open (status unknown, an order on hold). */
        private boolean interleukinUncertain;
        /** A medication taken or prescribed whose reference does not resolve ({@link #unresolved}). */
        private boolean unresolvedTaken;
        /** The latest date at which an unresolved medication may have changed the regimen. */
        private LocalDate unresolvedChange;
        /** An unresolved medication whose dates cannot place it: the last regimen change is not known. */
        private boolean unresolvedChangeUnknown;

        void statement(MedicationStatement ms, List<Resource> all) {
            String status = ms.getStatus() != null ? ms.getStatus().toCode() : "unknown";
            CodeableConcept code = MedicationCodes.of(ms.getMedication(), ms, all);
            if (code != null && isInterleukin(code)) {
                switch (status) {
                    // "Not taken" is a negative only when stated lately (recent(), as the general Conditions).
                    case "not-taken" -> interleukin = interleukin == null && recent(statedOn(ms)) ? Boolean.FALSE
                            : interleukin;
                    case "entered-in-error", "intended" -> { }
                    case "unknown" -> interleukinUncertain = true;
                    default -> interleukin = Boolean.TRUE; // active, completed, stopped, on-hold: it was given
                }
                return;
            }
            if (status.equals("entered-in-error") || status.equals("not-taken") || status.equals("intended")) {
                return;
            }
            Period p = ms.getEffective() instanceof Period x ? x : null;
            LocalDate taken = ms.getEffective() instanceof DateTimeType dt ? localDate(dt) : null;
            LocalDate start = taken != null ? taken : p != null && p.hasStart() ? localDate(p.getStartElement()) : null;
            boolean endGiven = p != null && p.hasEnd();
            LocalDate end = endGiven ? localDate(p.getEndElement()) : null;
            Use use = use(status, endGiven, end);
            // Stopped with no end: taken on its effectiveDateTime, if it gives one.
            medication(ms.getMedication(), code, start, end != null ? end : endGiven ? null : taken, use);
        }

        void request(MedicationRequest mr, List<Resource> all) {
            String status = mr.getStatus() != null ? mr.getStatus().toCode() : "unknown";
            MedicationRequest.MedicationRequestIntent intent = mr.getIntent();
            if (Set.of("draft", "cancelled", "entered-in-error").contains(status) || mr.getDoNotPerform()
                    || intent == MedicationRequest.MedicationRequestIntent.PROPOSAL
                    || intent == MedicationRequest.MedicationRequestIntent.PLAN
                    || intent == MedicationRequest.MedicationRequestIntent.OPTION) {
                return; // not an order given (or "do not give"): says nothing of what was taken
            }
            CodeableConcept code = MedicationCodes.of(mr.getMedication(), mr, all);
            if (code != null && isInterleukin(code)) {
                if (Set.of("completed", "stopped").contains(status)) {
                    interleukin = Boolean.TRUE;
                } else {
                    interleukinUncertain = true; // active, on-hold, unknown: an order, perhaps not given yet
                }
                return;
            }
            Period p = mr.getDispenseRequest().hasValidityPeriod() ? mr.getDispenseRequest().getValidityPeriod() : null;
            LocalDate start = p != null && p.hasStart() ? localDate(p.getStartElement())
                    : mr.hasAuthoredOn() ? localDate(mr.getAuthoredOnElement()) : null;
            boolean endGiven = p != null && p.hasEnd();
            LocalDate end = endGiven ? localDate(p.getEndElement()) : null;
            Use use = use(status, endGiven, end);
            medication(mr.getMedication(), code, start, end, use);
        }

        /** A statement's or an order's status and end date as the drug's use at the as-of date. */
        private Use use(String status, boolean endGiven, LocalDate end) {
            return switch (status) {
                case "active" -> endGiven && end == null ? Use.UNCERTAIN // an end given only to the month
                        : end == null || !end.isBefore(asOf) ? Use.ACTIVE : Use.STOPPED;
                case "completed", "stopped" -> Use.STOPPED;
                case "on-hold" -> Use.PAUSED;
                default -> Use.UNCERTAIN;
            };
        }

        void list(ListResource l) {
            if (l.getStatus() == ListResource.ListStatus.CURRENT
                    && l.getCode().getCoding().stream().anyMatch(c -> LOINC.equals(c.getSystem())
                    && MEDICATION_LIST.equals(c.getCode())) && l.getEntry().isEmpty() && l.hasEmptyReason()
                    && l.getEmptyReason().getCoding().stream().anyMatch(c -> LIST_EMPTY_REASON.equals(c.getSystem())
                            && "nilknown".equals(c.getCode())) && recent(localDate(l.getDateElement()))) {
                nilKnown = true;
            }
        }

        /**
         * The record's answer to "was an interleukin ever given": only a known "given" stands against an unresolved
         * medication or an interleukin of open status; "none" from a List only when the record holds no drug at all
         * (a List saying "no medications" beside antiretrovirals contradicts itself).
         */
        Boolean priorInterleukin() {
            if (Boolean.TRUE.equals(interleukin)) {
                return Boolean.TRUE;
            }
            if (unresolvedTaken || interleukinUncertain) {
                return null;
            }
            return interleukin != null ? interleukin : nilKnown && !any ? Boolean.FALSE : null;
        }

        private boolean isInterleukin(CodeableConcept code) {
            if (code.getCoding().stream().anyMatch(cd -> DrugTerminology.ATC_SYSTEM.equals(cd.getSystem())
                    && INTERLEUKIN_ATC.equalsIgnoreCase(cd.getCode()))) {
                return true;
            }
            List<String> texts = texts(code);
            // A name anywhere in the text, as a whole word: "Proleukin 22 MIU powder for injection" is aldesleukin.
            return texts.stream().anyMatch(t -> INTERLEUKIN_TEXT.matcher(t.toLowerCase(java.util.Locale.ROOT)).find());
        }

        private void medication(Type medication, CodeableConcept code, LocalDate start, LocalDate end, Use use) {
            if (code == null) {
                if (medication instanceof Reference ref) {
                    unresolved(ref, start, end, use);
                }
                return;
            }
            String name = drugName(code);
            if (name == null) {
                return; // not an antiretroviral as far as the codes and text tell: another medication
            }
            any = true;
            if (start != null && start.isAfter(asOf)) {
                return; // begins after the as-of date: neither taken now nor a change yet
            }
            if (start == null) {
                startUnknown = true;
            } else {
                firstStart = firstStart == null || start.isBefore(firstStart) ? start : firstStart;
                taken.add(new Taken(start, until(use, end)));
            }
            switch (use) {
                case ACTIVE -> {
                    current.add(name);
                    if (start != null && (lastChange == null || start.isAfter(lastChange))) {
                        lastChange = start;
                    }
                }
                case STOPPED -> {
                    if (end == null || end.isAfter(asOf)) {
                        changeUnknown = true; // stopped, but when?
                    } else if (lastChange == null || end.isAfter(lastChange)) {
                        lastChange = end;
                    }
                }
                case PAUSED -> changeUnknown = true;
                case UNCERTAIN -> {
                    // Perhaps taken now: named so that c-ART is UNKNOWN, never counted nor dropped.
                    String open = name + " (use not known)";
                    current.add(open.length() <= 80 ? open : open.substring(0, 80));
                    changeUnknown = true;
                }
            }
        }

        /**
         * The drug as the terminology names it: a recognised RxNorm or ATC coding, else the text or a display the
         * terminology knows; an unrecognised coding in ATC J05A (an antiviral) as "ATC code X" so that c-ART names
         * it; null for any other medication, and for a product the terminology lists under {@code otherUses}.
         */
        private String drugName(CodeableConcept code) {
            List<String> atc = code.getCoding().stream().filter(cd -> DrugTerminology.ATC_SYSTEM.equals(cd.getSystem()))
                    .map(Coding::getCode).toList();
            if (drugs.otherUse(texts(code), atc) != null) {
                return null; // a product of another use (nirmatrelvir and ritonavir): not antiretroviral therapy
            }
            for (Coding cd : code.getCoding()) {
                List<Ingredient> found = drugs.resolveCoding(cd.getSystem(), cd.getCode());
                if (!found.isEmpty()) {
                    return cd.getCode();
                }
            }
            if (code.hasText() && !drugs.resolve(code.getText()).isEmpty()) {
                return code.getText();
            }
            for (Coding cd : code.getCoding()) {
                if (cd.hasDisplay() && !drugs.resolve(cd.getDisplay()).isEmpty()) {
                    return cd.getDisplay();
                }
            }
            // A text naming a listed ingredient that the terminology cannot resolve whole ("dolutegravir 50 MG Oral
            // Tablet"): an antiretroviral not recognised, named so that c-ART is UNKNOWN rather than undercounted.
            for (String t : texts(code)) {
                String lower = t.toLowerCase(java.util.Locale.ROOT);
                if (drugs.ingredients().stream().anyMatch(i -> i.name().length() > 3 && lower.contains(i.name()))) {
                    return t.length() <= 80 ? t : t.substring(0, 80);
                }
            }
            for (Coding cd : code.getCoding()) {
                if (DrugTerminology.ATC_SYSTEM.equals(cd.getSystem()) && cd.hasCode()
                        && HIV_ATC_CLASSES.stream().anyMatch(cd.getCode().toUpperCase(java.util.Locale.ROOT)::startsWith)) {
                    return "ATC " + cd.getCode();
                }
            }
            return null;
        }

        /**
         * A medication given by a reference that neither the Bundle nor the resource (contained) resolves: it may be an
         * antiretroviral, so it is never dropped. Taken now (or perhaps), it is named among the current drugs as not
         * recognised (c-ART is UNKNOWN, naming the reference); its start, or its end when stopped, may be the last
         * regimen change, which is then not known unless a known change is later. The record is not read as "no
         * interleukin" either.
         */
        private void unresolved(Reference ref, LocalDate start, LocalDate end, Use use) {
            any = true;
            unresolvedTaken = true;
            String name = "unresolved " + (ref.hasReference() ? ref.getReference() : "Medication reference");
            name = name.length() <= 80 ? name : name.substring(0, 80);
            if ((use == Use.ACTIVE || use == Use.UNCERTAIN) && !current.contains(name)) {
                current.add(name);
            }
            if (start != null) {
                perhapsTaken.add(new Taken(start, until(use, end)));
            }
            LocalDate change = use == Use.ACTIVE ? start
                    : use == Use.STOPPED && end != null && !end.isAfter(asOf) ? end : null;
            if (change == null) {
                unresolvedChangeUnknown = true; // no start, stopped at no date the record gives, paused, open
            } else if (unresolvedChange == null || change.isAfter(unresolvedChange)) {
                unresolvedChange = change;
            }
        }

        /** The last day a drug of this use was taken: the as-of date when taken now; null when the record does not say. */
        private LocalDate until(Use use, LocalDate end) {
            return switch (use) {
                case ACTIVE -> asOf;
                case STOPPED -> end != null && !end.isAfter(asOf) ? end : null;
                case PAUSED, UNCERTAIN -> null;
            };
        }

        /**
         * The start of the c-ART the patient is on: of the uninterrupted run of antiretrovirals that reaches the as-of
         * date, where a gap of more than {@code il7cds.fhir.art-gap-max-days} days with none is an interruption (an
         * earlier treatment, stopped and taken up again, does not count towards "on c-ART for 12 months"). When the
         * record leaves it open, null (unknown): the run is computed twice, with every end the record does not give as
         * short as possible (the start day) and without unresolved medications, and with every such end as long as
         * possible (the as-of date) and with them; two different dates mean the record cannot tell. With no run
         * reaching the as-of date (nothing taken now), the earliest start, as the current regimen decides c-ART.
         */
        private LocalDate continuousStart() {
            LocalDate shortest = runStart(taken, false);
            List<Taken> all = new ArrayList<>(taken);
            all.addAll(perhapsTaken);
            LocalDate longest = runStart(all, true);
            if (shortest == null || longest == null) {
                return firstStart;
            }
            return shortest.equals(longest) ? shortest : null;
        }

        /** The start of the run of {@code drugs} reaching the as-of date; null when none reaches it. */
        private LocalDate runStart(List<Taken> drugs, boolean openEndsLong) {
            List<Taken> sorted = drugs.stream().filter(t -> !t.from().isAfter(asOf))
                    .map(t -> new Taken(t.from(), t.to() != null ? t.to() : openEndsLong ? asOf : t.from()))
                    .sorted(java.util.Comparator.comparing(Taken::from)).toList();
            LocalDate runFrom = null;
            LocalDate runTo = null;
            for (Taken t : sorted) {
                if (runTo == null || t.from().isAfter(runTo.plusDays(settings.artGapMaxDays() + 1L))) {
                    runFrom = t.from(); // the first, or after an interruption
                    runTo = t.to();
                } else if (t.to().isAfter(runTo)) {
                    runTo = t.to();
                }
            }
            return runTo != null && !runTo.isBefore(asOf) ? runFrom : null;
        }

        ArtHistoryDto toDto() {
            if (!any) {
                // No antiretroviral in the record: "none" only when a List states it (emptyReason nilknown).
                return nilKnown ? new ArtHistoryDto().currentDrugs(new ArrayList<>()) : null;
            }
            ArtHistoryDto dto = new ArtHistoryDto();
            dto.setStartDate(startUnknown ? null : continuousStart());
            LocalDate change = startUnknown || changeUnknown ? null : lastChange == null ? firstStart : lastChange;
            if (change != null && (unresolvedChangeUnknown
                    || unresolvedChange != null && unresolvedChange.isAfter(change))) {
                change = null; // an unresolved medication may have changed the regimen after the known change
            }
            dto.setLastRegimenChange(change);
            dto.setCurrentDrugs(current.isEmpty() ? null : current);
            return dto;
        }
    }
}
