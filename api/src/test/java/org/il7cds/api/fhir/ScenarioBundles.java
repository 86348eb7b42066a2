package org.il7cds.api.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.Malignancy;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.terminology.DrugTerminology;

/**
 * Test data: one engine candidate (an eligibility scenario of rules/) written twice, as the JSON API's candidate and as
 * the FHIR R4 Bundle a record system would send for the same patient (docs/fhir.md's mapping read backwards), so that
 * the two routes can be compared. {@link #bundle} is null for a candidate FHIR cannot state the same way.
 */
public final class ScenarioBundles {

    private ScenarioBundles() {
    }

    /** Why FHIR cannot state this candidate as the JSON route has it; null when it can. */
    static String inexpressible(Candidate c, DrugTerminology drugs) {
        if (c.ageYears() != null) {
            return "an age without a birth date (FHIR Patient has birthDate only)";
        }
        if (c.art() != null && ((c.art().currentDrugs() == null) != (c.art().startDate() == null))) {
            return "c-ART dates without the drugs, or the reverse (a MedicationStatement has both)";
        }
        if (c.art() != null && c.art().currentDrugs() != null && c.art().currentDrugs().stream()
                .anyMatch(d -> drugs.resolve(d).isEmpty() && !d.matches("J05A.*"))) {
            return "a drug name no terminology knows: FHIR input ignores a medication it cannot tell is an"
                    + " antiretroviral (docs/fhir.md), while the JSON route's currentDrugs are antiretrovirals by definition";
        }
        return null;
    }

    static Map<String, Object> json(Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pseudonymId", c.pseudonymId());
        put(m, "birthDate", c.birthDate() == null ? null : c.birthDate().toString());
        put(m, "sex", c.sex() == null ? null : c.sex().name());
        put(m, "pregnant", c.pregnant());
        put(m, "breastfeeding", c.breastfeeding());
        for (LabResult r : c.labs()) {
            Map<String, Object> lab = new LinkedHashMap<>();
            if (r.qualitative() != null) {
                lab.put("result", "NOT_DETECTED");
            } else {
                lab.put("value", r.value());
                if (r.comparator() != null && r.comparator() != Comparator.EQ) {
                    lab.put("comparator", r.comparator().symbol());
                }
                lab.put("unit", r.unit());
            }
            if (r.upperLimitOfNormal() != null) {
                lab.put("upperLimitOfNormal", r.upperLimitOfNormal());
            }
            lab.put("sampleDate", r.sampleDate().toString());
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) m.computeIfAbsent(field(r.kind()), k -> new ArrayList<>());
            list.add(lab);
        }
        if (c.art() != null) {
            Map<String, Object> art = new LinkedHashMap<>();
            put(art, "startDate", c.art().startDate() == null ? null : c.art().startDate().toString());
            put(art, "lastRegimenChange", c.art().lastRegimenChange() == null ? null
                    : c.art().lastRegimenChange().toString());
            put(art, "currentDrugs", c.art().currentDrugs());
            m.put("art", art);
        }
        put(m, "priorInterleukinTherapy", c.priorInterleukinTherapy());
        put(m, "malignancyHistory", c.malignancyHistory() == null ? null
                : c.malignancyHistory().stream().map(Enum::name).toList());
        put(m, "activeOpportunisticInfection", c.activeOpportunisticInfection());
        return m;
    }

    public static Bundle bundle(Candidate c) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient p = new Patient();
        p.setId(c.pseudonymId());
        if (c.birthDate() != null) {
            p.setBirthDateElement(new DateType(c.birthDate().toString()));
        }
        if (c.sex() != null) {
            p.setGender(switch (c.sex()) {
                case MALE -> Enumerations.AdministrativeGender.MALE;
                case FEMALE -> Enumerations.AdministrativeGender.FEMALE;
                case OTHER -> Enumerations.AdministrativeGender.OTHER;
                default -> Enumerations.AdministrativeGender.UNKNOWN;
            });
        }
        add(b, p);
        Reference subject = new Reference("Patient/" + c.pseudonymId());
        int n = 0;
        LocalDate statusDate = c.labs().stream().map(LabResult::sampleDate).findFirst().orElse(LocalDate.of(2026, 11, 19));
        if (c.pregnant() != null) {
            Observation o = observation("preg", subject, FhirCandidateMapper.PREGNANCY_STATUS, statusDate);
            o.setValue(new CodeableConcept(new Coding(ConditionCodes.SNOMED, c.pregnant()
                    ? FhirCandidateMapper.SCT_PREGNANT : FhirCandidateMapper.SCT_NOT_PREGNANT, null)));
            add(b, o);
        }
        if (c.breastfeeding() != null) {
            Observation o = observation("bf", subject, FhirCandidateMapper.BREASTFEEDING_STATUS, statusDate);
            o.setValue(new BooleanType(c.breastfeeding()));
            add(b, o);
        }
        for (LabResult r : c.labs()) {
            boolean log = r.kind() == LabKind.HIV_RNA && r.unit() != null && r.unit().toLowerCase().contains("log");
            Observation o = observation("lab" + n++, subject, loinc(r.kind(), log), r.sampleDate());
            if (r.qualitative() != null) {
                o.setValue(new CodeableConcept(new Coding(ConditionCodes.SNOMED, FhirCandidateMapper.SCT_NOT_DETECTED,
                        "Not detected")));
            } else {
                Quantity q = new Quantity().setValue(r.value()).setSystem("http://unitsofmeasure.org")
                        .setCode(r.unit());
                if (r.comparator() != null && r.comparator() != Comparator.EQ) {
                    q.setComparator(Quantity.QuantityComparator.fromCode(r.comparator().symbol()));
                }
                o.setValue(q);
            }
            if (r.upperLimitOfNormal() != null) {
                o.addReferenceRange().setHigh(new Quantity().setValue(r.upperLimitOfNormal())
                        .setSystem("http://unitsofmeasure.org").setCode(r.unit()));
            }
            add(b, o);
        }
        if (c.art() != null && c.art().currentDrugs() != null) {
            LocalDate start = c.art().startDate();
            LocalDate change = c.art().lastRegimenChange() == null ? start : c.art().lastRegimenChange();
            if (change.isAfter(start)) {
                // The regimen before the last change: stopped on the day of the change.
                MedicationStatement before = statement("art-before", subject, "nevirapine",
                        MedicationStatement.MedicationStatementStatus.COMPLETED, start, change);
                add(b, before);
            }
            int i = 0;
            for (String d : c.art().currentDrugs()) {
                MedicationStatement ms = statement("art" + i++, subject, d,
                        MedicationStatement.MedicationStatementStatus.ACTIVE, change, null);
                add(b, ms);
            }
        }
        if (Boolean.TRUE.equals(c.priorInterleukinTherapy()) || Boolean.FALSE.equals(c.priorInterleukinTherapy())) {
            add(b, statement("il", subject, "aldesleukin", c.priorInterleukinTherapy()
                    ? MedicationStatement.MedicationStatementStatus.COMPLETED
                    : MedicationStatement.MedicationStatementStatus.NOTTAKEN, LocalDate.of(2015, 1, 1), null)
                    .setDateAssertedElement(new DateTimeType(statusDate.toString())));
        }
        if (c.malignancyHistory() != null) {
            if (c.malignancyHistory().isEmpty()) {
                add(b, condition("malignancy-refuted", subject, ConditionCodes.ICD10, "C80", "refuted", null)
                        .setRecordedDateElement(new DateTimeType(statusDate.toString())));
            }
            int i = 0;
            for (Malignancy m : c.malignancyHistory()) {
                String code = switch (m) {
                    case KAPOSI_SARCOMA -> "C46.9";
                    case BASAL_CELL_CARCINOMA -> "C44.91";
                    default -> "C34.9";
                };
                add(b, condition("malignancy" + i++, subject, ConditionCodes.ICD10_CM, code, "confirmed", "resolved"));
            }
        }
        if (c.activeOpportunisticInfection() != null) {
            // "None" is a refuted WHO ICD-10 B20 (HIV disease resulting in infectious diseases): a refuted PCP (B59)
            // would say nothing of the other infections.
            add(b, c.activeOpportunisticInfection()
                    ? condition("oi", subject, ConditionCodes.ICD10, "B59", "confirmed", "active")
                    : condition("oi", subject, ConditionCodes.ICD10, "B20", "refuted", null)
                            .setRecordedDateElement(new DateTimeType(statusDate.toString())));
        }
        return b;
    }

    private static Observation observation(String id, Reference subject, String loinc, LocalDate drawn) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding(FhirCandidateMapper.LOINC, loinc, null)));
        o.setSubject(subject);
        o.setEffective(new DateTimeType(drawn.toString()));
        return o;
    }

    private static MedicationStatement statement(String id, Reference subject, String drug,
            MedicationStatement.MedicationStatementStatus status, LocalDate start, LocalDate end) {
        MedicationStatement ms = new MedicationStatement();
        ms.setId(id);
        ms.setStatus(status);
        CodeableConcept code = new CodeableConcept();
        if (drug.matches("J05A.*")) {
            code.addCoding(new Coding(DrugTerminology.ATC_SYSTEM, drug, null));
        } else {
            code.setText(drug);
        }
        ms.setMedication(code);
        ms.setSubject(subject);
        Period p = new Period().setStartElement(new DateTimeType(start.toString()));
        if (end != null) {
            p.setEndElement(new DateTimeType(end.toString()));
        }
        ms.setEffective(p);
        return ms;
    }

    private static Condition condition(String id, Reference subject, String system, String code, String verification,
            String clinical) {
        Condition c = new Condition();
        c.setId(id);
        c.setSubject(subject);
        c.setCode(new CodeableConcept(new Coding(system, code, null)));
        c.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", verification, null)));
        if (clinical != null) {
            c.setClinicalStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", clinical, null)));
        }
        return c;
    }

    private static void add(Bundle b, Resource r) {
        b.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.nameUUIDFromBytes((r.fhirType() + "/"
                + r.getIdElement().getIdPart()).getBytes())).setResource(r);
    }

    private static String loinc(LabKind kind, boolean log) {
        return switch (kind) {
            case CD4_COUNT -> FhirCandidateMapper.CD4_COUNT;
            case CD4_PERCENT -> FhirCandidateMapper.CD4_PERCENT;
            case HIV_RNA -> log ? "29541-0" : "20447-9";
            case NEUTROPHILS -> FhirCandidateMapper.NEUTROPHILS;
            case HAEMOGLOBIN -> FhirCandidateMapper.HAEMOGLOBIN;
            case PLATELETS -> FhirCandidateMapper.PLATELETS;
            case CREATININE -> FhirCandidateMapper.CREATININE;
        };
    }

    private static String field(LabKind kind) {
        return switch (kind) {
            case CD4_COUNT -> "cd4Counts";
            case CD4_PERCENT -> "cd4Percents";
            case HIV_RNA -> "hivRna";
            case NEUTROPHILS -> "neutrophils";
            case HAEMOGLOBIN -> "haemoglobin";
            case PLATELETS -> "platelets";
            case CREATININE -> "creatinine";
        };
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

}
