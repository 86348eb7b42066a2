package org.il7cds.api.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
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
    static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    private final DrugTerminology drugs;
    private final ConditionCodes conditions;
    private final LocalDate asOf;

    FhirCandidateMapper(DrugTerminology drugs, ConditionCodes conditions, LocalDate asOf) {
        this.drugs = drugs;
        this.conditions = conditions;
        this.asOf = asOf;
    }

    CandidateDto map(Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.COLLECTION && bundle.getType() != Bundle.BundleType.SEARCHSET) {
            throw new FhirInputException("Bundle.type must be collection or searchset, not "
                    + (bundle.getType() == null ? "absent" : bundle.getType().toCode()));
        }
        List<Resource> resources = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() != null) {
                resources.add(e.getResource());
            }
        }
        List<Patient> patients = resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
                .toList();
        if (patients.size() != 1) {
            throw new FhirInputException("the Bundle must hold exactly one Patient; it holds " + patients.size());
        }
        Patient patient = patients.get(0);
        String patientRef = "Patient/" + patient.getIdElement().getIdPart();
        CandidateDto c = new CandidateDto(patient.getIdElement().getIdPart());
        if (patient.hasBirthDate()) {
            c.setBirthDate(date(patient.getBirthDateElement().getValue(), "Patient.birthDate"));
        }
        if (patient.hasGender()) {
            c.setSex(sex(patient.getGender()));
        }
        Art art = new Art();
        Set<MalignancyDto> malignancies = new LinkedHashSet<>();
        boolean malignancyRefuted = false;
        Boolean oi = null;
        for (Resource r : resources) {
            if (r instanceof Patient) {
                continue;
            }
            checkSubject(r, patientRef);
            if (r instanceof Observation o) {
                observation(o, c);
            } else if (r instanceof MedicationStatement ms) {
                art.statement(ms, resources);
            } else if (r instanceof MedicationRequest mr) {
                art.request(mr, resources);
            } else if (r instanceof ListResource l) {
                art.list(l);
            } else if (r instanceof Condition cond) {
                ConditionCodes.Kind kind = kind(cond.getCode());
                if (kind == null) {
                    continue;
                }
                boolean refuted = verification(cond, "refuted");
                boolean entered = verification(cond, "entered-in-error");
                if (entered) {
                    continue;
                }
                if (kind == ConditionCodes.Kind.OPPORTUNISTIC_INFECTION) {
                    boolean active = !refuted && cond.hasClinicalStatus() && hasCode(cond.getClinicalStatus(),
                            "active", "recurrence", "relapse");
                    oi = active || Boolean.TRUE.equals(oi) ? Boolean.TRUE
                            : refuted || cond.hasClinicalStatus() ? Boolean.FALSE : oi;
                } else if (refuted) {
                    malignancyRefuted |= kind == ConditionCodes.Kind.MALIGNANCY;
                } else {
                    malignancies.add(switch (kind) {
                        case KAPOSI_SARCOMA -> MalignancyDto.KAPOSI_SARCOMA;
                        case BASAL_CELL_CARCINOMA -> MalignancyDto.BASAL_CELL_CARCINOMA;
                        default -> MalignancyDto.OTHER;
                    });
                }
            }
        }
        if (!malignancies.isEmpty()) {
            c.setMalignancyHistory(new ArrayList<>(malignancies));
        } else if (malignancyRefuted) {
            c.setMalignancyHistory(new ArrayList<>());
        }
        c.setActiveOpportunisticInfection(oi);
        c.setArt(art.toDto());
        // An unresolved medication may be an interleukin: only a known "given" stands then.
        c.setPriorInterleukinTherapy(Boolean.TRUE.equals(art.interleukin) ? Boolean.TRUE
                : art.unresolvedTaken ? null
                : art.interleukin != null ? art.interleukin : art.nilKnown ? Boolean.FALSE : null);
        return c;
    }

    private ConditionCodes.Kind kind(CodeableConcept code) {
        for (Coding coding : code.getCoding()) {
            ConditionCodes.Kind k = conditions.kind(coding.getSystem(), coding.getCode());
            if (k != null) {
                return k;
            }
        }
        return null;
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

    /** Every resource must be about the bundle's one patient (a subject of another patient is refused). */
    private static void checkSubject(Resource r, String patientRef) {
        Reference subject = r instanceof Observation o ? o.getSubject()
                : r instanceof MedicationStatement m ? m.getSubject()
                : r instanceof MedicationRequest m ? m.getSubject()
                : r instanceof Condition c ? c.getSubject()
                : r instanceof ListResource l ? l.getSubject() : null;
        if (subject != null && subject.hasReference() && !subject.getReference().endsWith(patientRef)) {
            throw new FhirInputException(r.fhirType() + "/" + r.getIdElement().getIdPart() + " is about "
                    + subject.getReference() + ", not " + patientRef + ": one patient per Bundle");
        }
    }

    private void observation(Observation o, CandidateDto c) {
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
            if (o.getValue() instanceof CodeableConcept cc) {
                c.setPregnant(hasSnomed(cc, SCT_PREGNANT) ? Boolean.TRUE
                        : hasSnomed(cc, SCT_NOT_PREGNANT) ? Boolean.FALSE : c.getPregnant());
            }
            return;
        }
        if (code.equals(BREASTFEEDING_STATUS)) {
            Boolean b = o.getValue() instanceof org.hl7.fhir.r4.model.BooleanType bt ? bt.getValue()
                    : o.getValue() instanceof CodeableConcept cc ? (hasSnomed(cc, SCT_BREASTFEEDING) || yesNo(cc, "Y")
                            ? Boolean.TRUE : yesNo(cc, "N") ? Boolean.FALSE : null) : null;
            if (b != null) {
                c.setBreastfeeding(b);
            }
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
                v.setUnit(unit(q, HIV_RNA_LOG10.contains(code) ? "log10 copies/mL" : null, at));
            }
            add(c.getHivRna(), c::setHivRna, v);
            return;
        }
        Quantity q = quantity(o, at);
        if (q.hasComparator()) {
            throw new FhirInputException(at + ": a censored value (" + q.getComparator().toCode()
                    + ") is accepted for HIV-1 RNA only");
        }
        String unit = unit(q, null, at);
        if (code.equals(CREATININE)) {
            BigDecimal uln = o.getReferenceRange().stream().filter(rr -> rr.hasHigh() && rr.getHigh().hasValue())
                    .map(rr -> rr.getHigh().getValue()).findFirst().orElse(null);
            if (uln == null) {
                return; // no upper limit of normal: the result cannot be compared; creatinine stays UNKNOWN
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
        if (o.getValue() instanceof org.hl7.fhir.r4.model.StringType s
                && s.getValue() != null && s.getValue().toLowerCase(java.util.Locale.ROOT).contains("not detected")) {
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
        if (!(o.getValue() instanceof Quantity q) || !q.hasValue()) {
            throw new FhirInputException(at + ": valueQuantity with a value is required for this LOINC code"
                    + " (or, for HIV-1 RNA, 'not detected' as docs/fhir.md shows)");
        }
        return q;
    }

    private static ComparatorDto comparator(Quantity q) {
        return q.hasComparator() ? ComparatorDto.fromValue(q.getComparator().toCode()) : null;
    }

    /** The UCUM code when the Quantity gives one, else its human-readable unit. */
    private static String unit(Quantity q, String whenAbsent, String at) {
        String unit = q.hasCode() ? q.getCode() : q.hasUnit() ? q.getUnit() : whenAbsent;
        if (unit == null) {
            throw new FhirInputException(at + ": valueQuantity needs a unit (a UCUM code)");
        }
        return unit;
    }

    static LocalDate effective(Observation o, String at) {
        Type t = o.getEffective();
        Date d = t instanceof DateTimeType dt ? dt.getValue()
                : t instanceof Period p && p.hasStart() ? p.getStart() : null;
        if (d == null) {
            throw new FhirInputException(at + ": effectiveDateTime (the date the sample was drawn) is required");
        }
        return t instanceof DateTimeType dt ? localDate(dt) : localDate(((Period) t).getStartElement());
    }

    /** The calendar date as written ("2026-11-19T08:30:00+01:00" is 19 November), never shifted by a time zone. */
    private static LocalDate localDate(DateTimeType dt) {
        String s = dt.getValueAsString();
        return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s + (s.length() == 4 ? "-01-01" : "-01"));
    }

    private static LocalDate date(Date d, String at) {
        return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
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
    private final class Art {
        private final List<String> current = new ArrayList<>();
        private LocalDate firstStart;
        private boolean startUnknown;
        private LocalDate lastChange;
        private boolean nilKnown;
        private boolean any;
        /** True once an interleukin was given; false when the record states one was not taken; null: not known. */
        private Boolean interleukin;
        /** A medication taken or prescribed whose reference does not resolve ({@link #unresolved}). */
        private boolean unresolvedTaken;
        /** The latest date at which an unresolved medication may have changed the regimen. */
        private LocalDate unresolvedChange;
        /** An unresolved medication whose dates cannot place it: the last regimen change is not known. */
        private boolean unresolvedChangeUnknown;

        void statement(MedicationStatement ms, List<Resource> all) {
            String status = ms.hasStatus() ? ms.getStatus().toCode() : "unknown";
            CodeableConcept code = code(ms.getMedication(), all);
            if (code != null && isInterleukin(code)) {
                if (status.equals("not-taken")) {
                    interleukin = interleukin == null ? Boolean.FALSE : interleukin;
                } else if (!status.equals("entered-in-error") && !status.equals("intended")) {
                    interleukin = Boolean.TRUE;
                }
                return;
            }
            if (status.equals("entered-in-error") || status.equals("not-taken") || status.equals("intended")) {
                return;
            }
            Period p = ms.getEffective() instanceof Period x ? x : null;
            LocalDate start = ms.getEffective() instanceof DateTimeType dt ? localDate(dt)
                    : p != null && p.hasStart() ? localDate(p.getStartElement()) : null;
            LocalDate end = p != null && p.hasEnd() ? localDate(p.getEndElement()) : null;
            boolean active = status.equals("active") && (end == null || !end.isBefore(asOf));
            medication(ms.getMedication(), all, start, end, active);
        }

        void request(MedicationRequest mr, List<Resource> all) {
            String status = mr.hasStatus() ? mr.getStatus().toCode() : "unknown";
            if (!Set.of("active", "completed", "stopped").contains(status)
                    || mr.getIntent() == MedicationRequest.MedicationRequestIntent.PROPOSAL
                    || mr.getIntent() == MedicationRequest.MedicationRequestIntent.PLAN) {
                return;
            }
            CodeableConcept code = code(mr.getMedication(), all);
            if (code != null && isInterleukin(code)) {
                interleukin = Boolean.TRUE;
                return;
            }
            Period p = mr.getDispenseRequest().hasValidityPeriod() ? mr.getDispenseRequest().getValidityPeriod() : null;
            LocalDate start = p != null && p.hasStart() ? localDate(p.getStartElement())
                    : mr.hasAuthoredOn() ? localDate(mr.getAuthoredOnElement()) : null;
            LocalDate end = p != null && p.hasEnd() ? localDate(p.getEndElement()) : null;
            medication(mr.getMedication(), all, start, end, status.equals("active")
                    && (end == null || !end.isBefore(asOf)));
        }

        void list(ListResource l) {
            if (l.getCode().getCoding().stream().anyMatch(c -> LOINC.equals(c.getSystem())
                    && MEDICATION_LIST.equals(c.getCode())) && l.getEntry().isEmpty() && l.hasEmptyReason()
                    && l.getEmptyReason().getCoding().stream().anyMatch(c -> LIST_EMPTY_REASON.equals(c.getSystem())
                            && "nilknown".equals(c.getCode()))) {
                nilKnown = true;
            }
        }

        private CodeableConcept code(Type medication, List<Resource> all) {
            return medication instanceof CodeableConcept cc ? cc
                    : medication instanceof Reference ref ? referenced(ref, all) : null;
        }

        private boolean isInterleukin(CodeableConcept code) {
            if (code.getCoding().stream().anyMatch(cd -> DrugTerminology.ATC_SYSTEM.equals(cd.getSystem())
                    && INTERLEUKIN_ATC.equalsIgnoreCase(cd.getCode()))) {
                return true;
            }
            List<String> texts = new ArrayList<>();
            if (code.hasText()) {
                texts.add(code.getText());
            }
            code.getCoding().stream().filter(Coding::hasDisplay).forEach(cd -> texts.add(cd.getDisplay()));
            return texts.stream().anyMatch(t -> INTERLEUKIN_NAMES.contains(t.strip().toLowerCase(java.util.Locale.ROOT)));
        }

        private void medication(Type medication, List<Resource> all, LocalDate start, LocalDate end, boolean active) {
            CodeableConcept code = code(medication, all);
            if (code == null) {
                if (medication instanceof Reference ref) {
                    unresolved(ref, start, end, active);
                }
                return;
            }
            String name = drugName(code);
            if (name == null) {
                return; // not an antiretroviral as far as the codes and text tell: another medication
            }
            any = true;
            if (start == null) {
                startUnknown = true;
            } else {
                firstStart = firstStart == null || start.isBefore(firstStart) ? start : firstStart;
            }
            if (active) {
                current.add(name);
                if (start != null && (lastChange == null || start.isAfter(lastChange))) {
                    lastChange = start;
                }
            } else if (end != null && !end.isAfter(asOf) && (lastChange == null || end.isAfter(lastChange))) {
                lastChange = end;
            }
        }

        private CodeableConcept referenced(Reference ref, List<Resource> all) {
            if (ref.getResource() instanceof Medication m) {
                return m.getCode();
            }
            String id = ref.getReferenceElement().getIdPart();
            return all.stream().filter(Medication.class::isInstance).map(Medication.class::cast)
                    .filter(m -> m.getIdElement().getIdPart().equals(id)).map(Medication::getCode).findFirst()
                    .orElse(null);
        }

        /**
         * The drug as the terminology names it: a recognised RxNorm or ATC coding, else the text or a display the
         * terminology knows; an unrecognised coding in ATC J05A (an antiviral) as "ATC code X" so that c-ART names
         * it; null for any other medication.
         */
        private String drugName(CodeableConcept code) {
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
            List<String> texts = new ArrayList<>();
            if (code.hasText()) {
                texts.add(code.getText());
            }
            code.getCoding().stream().filter(Coding::hasDisplay).forEach(cd -> texts.add(cd.getDisplay()));
            for (String t : texts) {
                String lower = t.toLowerCase(java.util.Locale.ROOT);
                if (drugs.ingredients().stream().anyMatch(i -> i.name().length() > 3 && lower.contains(i.name()))) {
                    return t.length() <= 80 ? t : t.substring(0, 80);
                }
            }
            for (Coding cd : code.getCoding()) {
                if (DrugTerminology.ATC_SYSTEM.equals(cd.getSystem()) && cd.hasCode()
                        && cd.getCode().toUpperCase(java.util.Locale.ROOT).startsWith("J05A")) {
                    return "ATC " + cd.getCode();
                }
            }
            return null;
        }

        /**
         * A medication given by a reference that neither the Bundle nor the resource (contained) resolves: it may be an
         * antiretroviral, so it is never dropped. Taken now, it is named among the current drugs as not recognised
         * (c-ART is UNKNOWN, naming the reference); its start, or its end when stopped, may be the last regimen change,
         * which is then not known unless a known change is later. The record is not read as "no interleukin" either.
         */
        private void unresolved(Reference ref, LocalDate start, LocalDate end, boolean active) {
            any = true;
            unresolvedTaken = true;
            String name = "unresolved " + (ref.hasReference() ? ref.getReference() : "Medication reference");
            name = name.length() <= 80 ? name : name.substring(0, 80);
            if (active && !current.contains(name)) {
                current.add(name);
            }
            LocalDate change = active ? start : end != null && !end.isAfter(asOf) ? end : null;
            if (change == null) {
                unresolvedChangeUnknown = true; // no start, or stopped at no date the record gives
            } else if (unresolvedChange == null || change.isAfter(unresolvedChange)) {
                unresolvedChange = change;
            }
        }

        ArtHistoryDto toDto() {
            if (!any) {
                // No antiretroviral in the record: "none" only when a List states it (emptyReason nilknown).
                return nilKnown ? new ArtHistoryDto().currentDrugs(new ArrayList<>()) : null;
            }
            ArtHistoryDto dto = new ArtHistoryDto();
            dto.setStartDate(startUnknown ? null : firstStart);
            LocalDate change = startUnknown ? null : lastChange == null ? firstStart : lastChange;
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
