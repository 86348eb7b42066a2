package org.il7cds.api.cds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.il7cds.api.fhir.DraftOrderMapper;
import org.il7cds.api.fhir.FhirBodyWeight;
import org.il7cds.api.fhir.FhirInputException;
import org.il7cds.api.fhir.FhirJson;
import org.il7cds.api.fhir.MedicationCodes;
import org.il7cds.api.fhir.Rhil7Codes;
import org.il7cds.api.generated.model.CdsActionDto;
import org.il7cds.api.generated.model.CdsCardDto;
import org.il7cds.api.generated.model.CdsHookResponseDto;
import org.il7cds.api.generated.model.CdsSourceDto;
import org.il7cds.api.generated.model.CdsSuggestionDto;
import org.il7cds.api.generated.model.FhirResourceDto;
import org.il7cds.api.records.DecisionRecording;
import org.il7cds.api.security.ClientIds;
import org.il7cds.engine.dosing.DoseOrderCheck;
import org.il7cds.engine.dosing.DraftOrder;
import org.il7cds.engine.dosing.OrderReview;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.ProtocolDefinition;
import org.il7cds.engine.rules.RuleSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dose check behind order-select and order-sign (docs/fhir.md, "CDS Hooks: the dose of a draft rhIL-7 order"):
 * the rhIL-7 MedicationRequests of {@code context.draftOrders} (recognised by {@code rules/terminology/rhil7.yaml}),
 * each mapped with HAPI's R4 structures ({@link DraftOrderMapper}), checked by the engine's {@link DoseOrderCheck}
 * against the rules' default protocol with the patient's body weight ({@link FhirBodyWeight}, prefetched or fetched),
 * recorded (one {@code order-check} record each, before answering) and answered as one card each: info when the
 * order matches, warning with a suggestion that {@code update}s the draft with the corrected one when it does not,
 * warning saying what is missing when it cannot be checked (never "ok").
 */
@Component
class OrderDoseChecks {

    static final String WEIGHT_KEY = "bodyWeight";
    private static final String PATIENT = "{{context.patientId}}";
    static final Map<String, String> PREFETCH = Map.of(WEIGHT_KEY, "Observation?patient=" + PATIENT + "&code="
            + "http://loinc.org|" + FhirBodyWeight.BODY_WEIGHT + "&_sort=-date&_count=10");

    /** What an order-check record keeps as its request: the engine's input, from which a replay checks again. */
    record Input(String protocolId, String medicationRequest, DraftOrder order, BigDecimal weightKg,
            LocalDate weightMeasuredOn, LocalDate asOf) {
    }

    private final ActiveRules rules;
    private final DecisionRecording recording;
    private final JsonMapper json;

    OrderDoseChecks(ActiveRules rules, DecisionRecording recording, JsonMapper json) {
        this.rules = rules;
        this.recording = recording;
        this.json = json;
    }

    /** @param selectedOnly order-select: only the orders of {@code context.selections}; order-sign: every draft */
    CdsHookResponseDto handle(CdsRequest request, boolean selectedOnly) {
        Bundle drafts = request.contextResource("draftOrders").filter(Bundle.class::isInstance)
                .map(Bundle.class::cast).orElseThrow(() -> new CdsInputException(
                        "context.draftOrders must be a FHIR Bundle of the draft orders"));
        String patientId = request.contextValue("patientId").orElseThrow(() -> new CdsInputException(
                "context.patientId is required"));
        Set<String> selections = selectedOnly ? selections(request) : null;
        RuleSet ruleSet = rules.get();
        Rhil7Codes rhil7 = Rhil7Codes.parse(ruleSet.bundle().text(Rhil7Codes.PATH));
        ReferencedMedications.addTo(drafts, request); // an order coded as a reference to a Medication on the server
        List<MedicationRequest> orders = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : drafts.getEntry()) {
            if (e.getResource() instanceof MedicationRequest mr
                    && (selections == null || selections.contains("MedicationRequest/" + mr.getIdElement().getIdPart()))
                    && rhil7.isRhil7(medication(mr, drafts))) {
                checkSubject(mr.getSubject(), patientId, "MedicationRequest/" + mr.getIdElement().getIdPart());
                orders.add(mr);
            }
        }
        if (orders.isEmpty()) {
            return new CdsHookResponseDto(new ArrayList<>()); // no rhIL-7 order: no guidance, nothing decided
        }
        List<Observation> weights = weights(request, patientId);
        DecisionRecording.Moment moment = recording.moment();
        LocalDate today = LocalDate.now(moment.clock());
        DoseOrderCheck check = new DoseOrderCheck(() -> ruleSet);
        // Every draft is read and checked before any is recorded: a later draft refused (400) leaves no record of an
        // earlier one's check, which was never answered.
        record Checked(MedicationRequest mr, Input input, OrderReview review, FhirBodyWeight.Reading weight) {
        }
        List<Checked> checked = new ArrayList<>();
        for (MedicationRequest mr : orders) {
            String ref = "MedicationRequest/" + mr.getIdElement().getIdPart();
            DraftOrder draft;
            try {
                draft = DraftOrderMapper.toDraft(mr);
            } catch (FhirInputException e) {
                throw new CdsInputException("context.draftOrders: " + e.getMessage());
            }
            // The weight as of the first dose (or today, when the draft gives no date): the rules judge its age.
            LocalDate first = draft.firstDoseDate() != null ? draft.firstDoseDate()
                    : draft.doseDates().stream().min(Comparator.naturalOrder()).orElse(today);
            FhirBodyWeight.Reading weight;
            try {
                weight = FhirBodyWeight.latest(weights, first);
            } catch (FhirInputException e) {
                throw new CdsInputException("prefetch." + WEIGHT_KEY + ": " + e.getMessage());
            }
            Input input = new Input(ruleSet.protocolOrDefault(null).definition().id(), ref, draft,
                    weight.found() ? weight.weight().weightKg() : null,
                    weight.found() ? weight.weight().measuredOn() : null, today);
            checked.add(new Checked(mr, input, check(check, input), weight));
        }
        List<CdsCardDto> cards = new ArrayList<>();
        for (Checked c : checked) {
            List<String> missing = new ArrayList<>();
            if (!c.weight().found()) {
                missing.add(c.weight().missing() + " (prefetch key " + WEIGHT_KEY + ")");
            }
            String decisionId = recording.newDecisionId();
            recording.orderCheck(moment, ClientIds.current(), decisionId, c.input(), c.review()); // before answering
            cards.add(card(c.mr(), c.review(), c.weight(), missing, decisionId,
                    ruleSet.protocol(c.review().protocolId()).orElseThrow().definition()));
        }
        return new CdsHookResponseDto(cards);
    }

    /** The engine's check of a recorded input (the replay calls it too). */
    static OrderReview check(DoseOrderCheck check, Input in) {
        return check.check(in.protocolId(), in.order(), in.weightKg(), in.weightMeasuredOn(), in.asOf());
    }

    private static Set<String> selections(CdsRequest request) {
        Object raw = request.body().getContext().get("selections");
        if (!(raw instanceof List<?> list)) {
            throw new CdsInputException("context.selections (the ids of the selected orders) is required for"
                    + " order-select");
        }
        return Set.copyOf(list.stream().map(String::valueOf).toList());
    }

    /** The body-weight Observations of the prefetch (a searchset or one Observation), each about the patient. */
    private static List<Observation> weights(CdsRequest request, String patientId) {
        Optional<IBaseResource> found = request.resources(List.of(WEIGHT_KEY)).get(WEIGHT_KEY);
        List<Observation> out = new ArrayList<>();
        found.ifPresent(r -> {
            List<Resource> resources = r instanceof Bundle b ? b.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource).toList() : r instanceof Resource x ? List.of(x)
                    : List.of();
            for (Resource res : resources) {
                if (res instanceof Observation o) {
                    checkSubject(o.getSubject(), patientId, "Observation/" + o.getIdElement().getIdPart());
                    out.add(o);
                }
            }
        });
        return out;
    }

    private static void checkSubject(Reference subject, String patientId, String at) {
        if (subject != null && subject.hasReference() && !subject.getReference().endsWith("Patient/" + patientId)) {
            throw new CdsInputException(at + " is about " + subject.getReference() + ", not context.patientId");
        }
    }

    private static CodeableConcept medication(MedicationRequest mr, Bundle drafts) {
        return MedicationCodes.of(mr.getMedication(), mr,
                drafts.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList());
    }

    // ------------------------------------------------------------------------------------------------ the card

    private CdsCardDto card(MedicationRequest draft, OrderReview r, FhirBodyWeight.Reading weight,
            List<String> missingWeight, String decisionId, ProtocolDefinition protocol) {
        String ref = "MedicationRequest/" + draft.getIdElement().getIdPart();
        String indicator = r.status() == OrderReview.Status.MATCHES ? "info" : "warning";
        CdsCardDto card = new CdsCardDto(summary(r), CdsCardDto.IndicatorEnum.fromValue(indicator),
                new CdsSourceDto(protocol.citation() == null ? protocol.title() : shorten(protocol.citation(), 1000)))
                .uuid(UUID.randomUUID()).detail(detail(r, weight, missingWeight, ref));
        if (r.status() == OrderReview.Status.MISMATCH && r.corrected() != null) {
            OrderReview.CorrectedOrder c = r.corrected();
            MedicationRequest corrected = DraftOrderMapper.corrected(draft, r);
            card.selectionBehavior(CdsCardDto.SelectionBehaviorEnum.AT_MOST_ONE).addSuggestionsItem(
                    new CdsSuggestionDto(shorten("Replace the draft with " + plain(c.doseUg()) + " µg " + c.route()
                            + " × " + c.numberOfDoses() + " (" + r.protocolId() + ")", 1000))
                            .uuid(UUID.randomUUID()).isRecommended(true)
                            .addActionsItem(new CdsActionDto(CdsActionDto.TypeEnum.UPDATE, "Replace " + ref
                                    + " with the protocol's dose and schedule").resource(resource(corrected))));
        }
        Map<String, Object> il7 = new LinkedHashMap<>();
        il7.put("status", r.status().name());
        il7.put("protocolId", r.protocolId());
        il7.put("rulesVersion", r.rulesVersion());
        il7.put("rulesHash", r.rulesHash());
        il7.put("decisionId", decisionId);
        il7.put("medicationRequest", ref);
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("org.il7cds", il7);
        return card.extension(extension);
    }

    private static String summary(OrderReview r) {
        String s = switch (r.status()) {
            case MATCHES -> "rhIL-7 order matches " + r.protocolId() + ": " + plain(r.corrected().doseUg()) + " µg "
                    + r.corrected().route() + " (" + plain(r.corrected().doseLevelUgPerKg()) + " µg/kg), "
                    + r.corrected().numberOfDoses() + " dose" + (r.corrected().numberOfDoses() == 1 ? "" : "s");
            case MISMATCH -> "rhIL-7 order differs from " + r.protocolId() + ": " + String.join(", ", r.mismatches()
                    .stream().map(m -> m.aspect().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .distinct().toList());
            case INCOMPLETE -> "rhIL-7 order not checked against " + r.protocolId() + ": "
                    + (r.weightKg() == null ? "no usable body weight" : "data missing");
        };
        return shorten(s, 139);
    }

    private static String detail(OrderReview r, FhirBodyWeight.Reading weight, List<String> missingWeight,
            String ref) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(ref).append("** against **").append(r.protocolId()).append("** (rules ")
                .append(r.rulesVersion()).append(", ").append(r.rulesHash()).append("): **").append(r.status())
                .append("**\n\n");
        if (!r.mismatches().isEmpty()) {
            md.append("| aspect | ordered | protocol | rule | source |\n| --- | --- | --- | --- | --- |\n");
            for (OrderReview.Mismatch m : r.mismatches()) {
                md.append("| ").append(cell(m.aspect().name())).append(" | ").append(cell(m.ordered())).append(" | ")
                        .append(cell(m.prescribed())).append(" | ").append(cell(m.rule())).append(" | ")
                        .append(cell(m.source())).append(" |\n");
            }
            md.append('\n');
        }
        List<String> missing = new ArrayList<>(missingWeight);
        missing.addAll(r.missing().stream().filter(m -> r.weightKg() != null || !m.startsWith("the patient's body"))
                .toList());
        if (!missing.isEmpty()) {
            md.append("**Missing or unusable** (the order is not confirmed until these are settled):\n\n");
            missing.forEach(m -> md.append("- ").append(m).append('\n'));
            md.append('\n');
        }
        if (weight.found()) {
            md.append("Weight: ").append(plain(weight.weight().weightKg())).append(" kg (")
                    .append(weight.weight().observation()).append(", ").append(weight.weight().measuredOn())
                    .append("). ");
        }
        if (r.corrected() != null) {
            OrderReview.CorrectedOrder c = r.corrected();
            md.append("The protocol's order: ").append(plain(c.doseUg())).append(" µg ").append(c.route())
                    .append(" per injection (").append(plain(c.doseLevelUgPerKg())).append(" µg/kg), ")
                    .append(c.numberOfDoses()).append(" on ").append(String.join(", ", c.doseDates().stream()
                            .map(LocalDate::toString).toList())).append(". ");
        }
        md.append("Dose rounding: ").append(r.doseRounding()).append(". A clinician decides.");
        return shorten(md.toString(), 20000);
    }

    private FhirResourceDto resource(MedicationRequest mr) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.readValue(FhirJson.write(mr), LinkedHashMap.class);
        FhirResourceDto dto = new FhirResourceDto(String.valueOf(fields.remove("resourceType")));
        fields.forEach(dto::putAdditionalProperty);
        return dto;
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
