package org.il7cds.api.cds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.il7cds.api.fhir.FhirAssessmentMapper;
import org.il7cds.api.fhir.FhirJson;
import org.il7cds.api.generated.model.AssessmentDto;
import org.il7cds.api.generated.model.CdsActionDto;
import org.il7cds.api.generated.model.CdsCardDto;
import org.il7cds.api.generated.model.CdsCodingDto;
import org.il7cds.api.generated.model.CdsSourceDto;
import org.il7cds.api.generated.model.CdsSuggestionDto;
import org.il7cds.api.generated.model.CriterionResultDto;
import org.il7cds.api.generated.model.CriterionStatusDto;
import org.il7cds.api.generated.model.FhirResourceDto;
import org.il7cds.api.generated.model.VerdictDto;
import org.il7cds.engine.rules.ProtocolDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * An eligibility assessment as a CDS Hooks card (docs/fhir.md "CDS Hooks" has the reference):
 * <ul>
 * <li>summary (under 140 characters): the protocol and the verdict, with the count of criteria behind it;</li>
 * <li>indicator: ELIGIBLE {@code info}; INCOMPLETE {@code warning} (never info: nothing is decided);
 * NOT_ELIGIBLE {@code critical} (starting rhIL-7 against an exclusion may harm: IL-7 expands T cells, including
 * malignant ones);</li>
 * <li>source: the protocol's citation, its DOI as url, the protocol as topic;</li>
 * <li>detail: every criterion with its status, what was observed and what would settle it, in Markdown;</li>
 * <li>for INCOMPLETE: one suggestion per missing lab, each creating a draft ServiceRequest for its LOINC code;</li>
 * <li>extension {@code org.il7cds}: verdict, protocolId, rulesVersion, rulesHash, decisionId.</li>
 * </ul>
 */
final class EligibilityCardMapper {

    static final int MAX_SUMMARY = 139;
    static final String PROTOCOLS = "https://il7cds.example/protocols";
    private static final Pattern DOI = Pattern.compile("doi:\\s*(10\\.\\S+?)[.;,]?(\\s|$)");
    private static final String HIV_RNA = "20447-9";

    /** The lab that settles an UNKNOWN criterion: its LOINC code and display (a subset of FhirAssessmentMapper's). */
    record Lab(String loinc, String display) {
    }

    static final Map<String, Lab> LAB_BY_CRITERION = Map.of(
            "cd4-count", new Lab("24467-3", "CD3+CD4+ (T4 helper) cells [#/volume] in Blood"),
            "hiv-rna-suppressed", new Lab(HIV_RNA, "HIV 1 RNA [#/volume] (viral load) in Serum or Plasma by NAA with"
                    + " probe detection"),
            "hiv-rna", new Lab(HIV_RNA, "HIV 1 RNA [#/volume] (viral load) in Serum or Plasma by NAA with probe"
                    + " detection"),
            "neutrophils", new Lab("751-8", "Neutrophils [#/volume] in Blood by Automated count"),
            "haemoglobin", new Lab("718-7", "Hemoglobin [Mass/volume] in Blood"),
            "platelets", new Lab("777-3", "Platelets [#/volume] in Blood by Automated count"),
            "creatinine", new Lab("2160-0", "Creatinine [Mass/volume] in Serum or Plasma"));

    private EligibilityCardMapper() {
    }

    static CdsCardDto card(AssessmentDto a, ProtocolDefinition protocol, JsonMapper json) {
        CdsCardDto card = new CdsCardDto(summary(a), indicator(a.getVerdict()), source(protocol))
                .uuid(UUID.randomUUID()).detail(detail(a, protocol));
        if (a.getVerdict() == VerdictDto.INCOMPLETE) {
            List<CdsSuggestionDto> orders = orders(a, json);
            if (!orders.isEmpty()) {
                card.suggestions(orders).selectionBehavior(CdsCardDto.SelectionBehaviorEnum.ANY);
            }
        }
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("verdict", a.getVerdict().getValue());
        verdict.put("protocolId", a.getProtocolId());
        verdict.put("rulesVersion", a.getRulesVersion());
        verdict.put("rulesHash", a.getRulesHash());
        verdict.put("decisionId", a.getDecisionId());
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("org.il7cds", verdict);
        return card.extension(extension);
    }

    static CdsCardDto.IndicatorEnum indicator(VerdictDto verdict) {
        return switch (verdict) {
            case ELIGIBLE -> CdsCardDto.IndicatorEnum.INFO;
            case INCOMPLETE -> CdsCardDto.IndicatorEnum.WARNING;
            case NOT_ELIGIBLE -> CdsCardDto.IndicatorEnum.CRITICAL;
        };
    }

    static String summary(AssessmentDto a) {
        List<CriterionResultDto> c = a.getCriteria();
        long unknown = count(c, CriterionStatusDto.UNKNOWN);
        String s = switch (a.getVerdict()) {
            case ELIGIBLE -> a.getProtocolId() + ": ELIGIBLE for rhIL-7 - all " + c.size()
                    + " criteria met; a clinician confirms";
            case INCOMPLETE -> a.getProtocolId() + ": INCOMPLETE - " + unknown + (unknown == 1 ? " criterion needs"
                    : " criteria need") + " data before eligibility can be decided";
            case NOT_ELIGIBLE -> a.getProtocolId() + ": NOT ELIGIBLE for rhIL-7 - not met: " + String.join(", ",
                    c.stream().filter(r -> r.getStatus() == CriterionStatusDto.NOT_MET).map(CriterionResultDto::getId)
                            .toList());
        };
        return s.length() <= MAX_SUMMARY ? s : s.substring(0, MAX_SUMMARY - 3) + "...";
    }

    private static long count(List<CriterionResultDto> c, CriterionStatusDto status) {
        return c.stream().filter(r -> r.getStatus() == status).count();
    }

    static CdsSourceDto source(ProtocolDefinition p) {
        CdsSourceDto source = new CdsSourceDto(p.citation() == null ? p.title() : p.citation())
                .topic(new CdsCodingDto(p.id()).system(PROTOCOLS).display(p.title()));
        if (p.citation() != null) {
            Matcher m = DOI.matcher(p.citation());
            if (m.find()) {
                source.url("https://doi.org/" + m.group(1));
            }
        }
        return source;
    }

    static String detail(AssessmentDto a, ProtocolDefinition p) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(cell(p.title())).append("** (`").append(a.getProtocolId()).append("`): **")
                .append(a.getVerdict().getValue()).append("** as of ").append(a.getAsOf()).append(", rules ")
                .append(a.getRulesVersion()).append(" (`").append(a.getRulesHash()).append("`), decision `")
                .append(a.getDecisionId()).append("`.\n\n");
        md.append("| Criterion | Type | Status | Observed | What would settle it |\n|---|---|---|---|---|\n");
        for (CriterionResultDto c : a.getCriteria()) {
            md.append("| ").append(cell(c.getTitle())).append(Boolean.TRUE.equals(c.getAssumption()) ? " \\*" : "")
                    .append(" | ").append(c.getType().getValue().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ").append(c.getStatus().getValue())
                    .append(" | ").append(c.getObserved() == null ? "-" : cell(c.getObserved())
                            + (c.getObservedOn() == null ? "" : " (" + c.getObservedOn() + ")"))
                    .append(" | ").append(settle(c)).append(" |\n");
        }
        md.append("\n\\* an assumption: not confirmed by the protocol's paper.");
        if (!a.getNotes().isEmpty()) {
            md.append("\n\nNotes:\n");
            a.getNotes().forEach(n -> md.append("- ").append(cell(n)).append('\n'));
        }
        md.append("\n\nA clinician checks this decision support before acting on it.");
        return md.toString();
    }

    private static String settle(CriterionResultDto c) {
        if (c.getStatus() == CriterionStatusDto.UNKNOWN) {
            return c.getSettleBy() == null ? "the datum this criterion needs" : cell(c.getSettleBy());
        }
        if (c.getStatus() == CriterionStatusDto.NOT_MET) {
            return c.getNotBefore() == null ? "not met (" + cell(c.getThreshold() == null ? "see the rule"
                    : c.getThreshold()) + ")" : "could be met from " + c.getNotBefore();
        }
        return "-";
    }

    /** Markdown table cells: no pipes or line breaks from the text. */
    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }

    /** One suggestion per missing lab (the same LOINC code once), each creating a draft ServiceRequest. */
    static List<CdsSuggestionDto> orders(AssessmentDto a, JsonMapper json) {
        Map<String, List<CriterionResultDto>> byLoinc = new LinkedHashMap<>();
        Map<String, Lab> labs = new LinkedHashMap<>();
        for (CriterionResultDto c : a.getCriteria()) {
            Lab lab = LAB_BY_CRITERION.get(c.getId());
            if (c.getStatus() == CriterionStatusDto.UNKNOWN && lab != null) {
                byLoinc.computeIfAbsent(lab.loinc(), k -> new ArrayList<>()).add(c);
                labs.putIfAbsent(lab.loinc(), lab);
            }
        }
        List<CdsSuggestionDto> out = new ArrayList<>();
        byLoinc.forEach((loinc, criteria) -> {
            Lab lab = labs.get(loinc);
            ServiceRequest order = serviceRequest(lab, a, criteria);
            out.add(new CdsSuggestionDto("Order " + lab.display() + " (LOINC " + loinc + ")").uuid(UUID.randomUUID())
                    .isRecommended(true)
                    .actions(List.of(new CdsActionDto(CdsActionDto.TypeEnum.CREATE, "Create a draft lab order for"
                            + " LOINC " + loinc + ", which would settle " + String.join(", ",
                                    criteria.stream().map(CriterionResultDto::getId).toList()) + ".")
                            .resource(resource(order, json)))));
        });
        return out;
    }

    /** A draft order for the lab, for the assessed patient, with the criteria it would settle as its reason. */
    static ServiceRequest serviceRequest(Lab lab, AssessmentDto a, List<CriterionResultDto> criteria) {
        ServiceRequest sr = new ServiceRequest();
        sr.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        sr.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
        sr.getCode().addCoding().setSystem(FhirAssessmentMapper.LOINC).setCode(lab.loinc()).setDisplay(lab.display());
        sr.getCode().setText(lab.display());
        sr.setSubject(new Reference("Patient/" + a.getCandidateId()));
        sr.addReasonCode(new CodeableConcept().setText("rhIL-7 eligibility (" + a.getProtocolId() + "): "
                + String.join("; ", criteria.stream().map(c -> c.getTitle() + " is UNKNOWN").toList())));
        return sr;
    }

    private static FhirResourceDto resource(ServiceRequest sr, JsonMapper json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.readValue(FhirJson.write(sr), LinkedHashMap.class);
        FhirResourceDto dto = new FhirResourceDto(String.valueOf(fields.remove("resourceType")));
        fields.forEach(dto::putAdditionalProperty);
        return dto;
    }
}
