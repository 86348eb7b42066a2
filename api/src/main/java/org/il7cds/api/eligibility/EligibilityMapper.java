package org.il7cds.api.eligibility;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.api.generated.model.ArtHistoryDto;
import org.il7cds.api.generated.model.AssessmentDto;
import org.il7cds.api.generated.model.CandidateDto;
import org.il7cds.api.generated.model.ComparatorDto;
import org.il7cds.api.generated.model.CreatinineDto;
import org.il7cds.api.generated.model.CriterionResultDto;
import org.il7cds.api.generated.model.CriterionStatusDto;
import org.il7cds.api.generated.model.CriterionTypeDto;
import org.il7cds.api.generated.model.LabValueDto;
import org.il7cds.api.generated.model.MalignancyDto;
import org.il7cds.api.generated.model.SexDto;
import org.il7cds.api.generated.model.VerdictDto;
import org.il7cds.api.generated.model.ViralLoadDto;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.eligibility.ArtHistory;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.Malignancy;
import org.il7cds.engine.eligibility.Sex;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.Qualitative;

/**
 * Maps candidate DTOs to the engine's {@link Candidate} and assessments back to DTOs. The engine sees one flat
 * {@code labs} list; the mapper keeps which DTO element each lab came from, so that an engine problem at
 * {@code labs[2].unit} is reported at the field the client sent, e.g. {@code candidate.hivRna[0].unit}.
 */
public final class EligibilityMapper {

    /** Decimals are accepted with at most this many digits after the point (after dropping trailing zeros). */
    static final int MAX_FRACTION_DIGITS = 12;

    private static final Pattern LAB_PATH = Pattern.compile("^labs\\[(\\d+)]");

    private EligibilityMapper() {
    }

    /** An engine candidate with the way back from engine field paths to request field paths. */
    public record MappedCandidate(Candidate candidate, String prefix, Map<Integer, String> labPaths) {

        /** The engine's problems, re-addressed to the fields of the request. */
        public InvalidInputException translate(InvalidInputException e) {
            return new InvalidInputException(e.problems().stream()
                    .map(p -> new FieldProblem(path(p.field()), p.message())).toList());
        }

        public String path(String engineField) {
            String field = engineField == null ? "" : engineField;
            if (field.equals("asOf")) {
                return field; // a field of the request, not of the candidate
            }
            Matcher m = LAB_PATH.matcher(field);
            if (m.find()) {
                String dto = labPaths.get(Integer.parseInt(m.group(1)));
                if (dto != null) {
                    field = dto + field.substring(m.end());
                }
            }
            return prefix + field;
        }
    }

    /**
     * @param prefix the path of the candidate in the request ("candidate." or "" for a batch element)
     * @throws InvalidInputException for decimals the engine must not see (too many fraction digits)
     */
    public static MappedCandidate toCandidate(CandidateDto dto, String prefix) {
        List<LabResult> labs = new ArrayList<>();
        Map<Integer, String> paths = new HashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        labs(dto.getCd4Counts(), "cd4Counts", LabKind.CD4_COUNT, labs, paths, prefix, problems);
        labs(dto.getCd4Percents(), "cd4Percents", LabKind.CD4_PERCENT, labs, paths, prefix, problems);
        if (dto.getHivRna() != null) {
            for (int i = 0; i < dto.getHivRna().size(); i++) {
                ViralLoadDto v = dto.getHivRna().get(i);
                String at = "hivRna[" + i + "]";
                checkDecimal(v.getValue(), prefix + at + ".value", problems);
                if (v.getComparator() != null && v.getValue() == null) {
                    problems.add(new FieldProblem(prefix + at + ".comparator", "needs a value (a comparator qualifies a"
                            + " number, e.g. < 20; 'target not detected' is result NOT_DETECTED without a comparator)"));
                }
                paths.put(labs.size(), at);
                labs.add(new LabResult(LabKind.HIV_RNA, v.getValue(),
                        v.getValue() == null ? null : comparator(v.getComparator()),
                        v.getResult() == null ? null : Qualitative.NOT_DETECTED, v.getUnit(), v.getSampleDate(), null));
            }
        }
        labs(dto.getNeutrophils(), "neutrophils", LabKind.NEUTROPHILS, labs, paths, prefix, problems);
        labs(dto.getHaemoglobin(), "haemoglobin", LabKind.HAEMOGLOBIN, labs, paths, prefix, problems);
        labs(dto.getPlatelets(), "platelets", LabKind.PLATELETS, labs, paths, prefix, problems);
        if (dto.getCreatinine() != null) {
            for (int i = 0; i < dto.getCreatinine().size(); i++) {
                CreatinineDto c = dto.getCreatinine().get(i);
                String at = "creatinine[" + i + "]";
                checkDecimal(c.getValue(), prefix + at + ".value", problems);
                checkDecimal(c.getUpperLimitOfNormal(), prefix + at + ".upperLimitOfNormal", problems);
                paths.put(labs.size(), at);
                labs.add(new LabResult(LabKind.CREATININE, c.getValue(), Comparator.EQ, null, c.getUnit(),
                        c.getSampleDate(), c.getUpperLimitOfNormal()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Candidate candidate = new Candidate(dto.getPseudonymId(), dto.getBirthDate(), dto.getAgeYears(),
                sex(dto.getSex()), dto.getPregnant(), dto.getBreastfeeding(), labs, art(dto.getArt()),
                dto.getPriorInterleukinTherapy(), malignancies(dto.getMalignancyHistory()),
                dto.getActiveOpportunisticInfection());
        return new MappedCandidate(candidate, prefix, Map.copyOf(paths));
    }

    /**
     * Refuses decimals with absurd scales ({@code 1e-999999999}) that bean validation's bounds let through but
     * that would make plain-text rendering explode; reported as field problems like any other invalid input.
     */
    public static void checkDecimal(BigDecimal value, String field, List<FieldProblem> problems) {
        if (value != null && value.stripTrailingZeros().scale() > MAX_FRACTION_DIGITS) {
            problems.add(new FieldProblem(field, "has more than " + MAX_FRACTION_DIGITS + " digits after the decimal point"));
        }
    }

    private static void labs(List<LabValueDto> values, String name, LabKind kind, List<LabResult> labs,
            Map<Integer, String> paths, String prefix, List<FieldProblem> problems) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            LabValueDto v = values.get(i);
            String at = name + "[" + i + "]";
            checkDecimal(v.getValue(), prefix + at + ".value", problems);
            paths.put(labs.size(), at);
            labs.add(new LabResult(kind, v.getValue(), Comparator.EQ, null, v.getUnit(), v.getSampleDate(), null));
        }
    }

    private static Comparator comparator(ComparatorDto c) {
        if (c == null) {
            return Comparator.EQ;
        }
        return switch (c) {
            case LESS_THAN -> Comparator.LT;
            case LESS_THAN_OR_EQUAL_TO -> Comparator.LE;
            case GREATER_THAN -> Comparator.GT;
            case GREATER_THAN_OR_EQUAL_TO -> Comparator.GE;
        };
    }

    private static Sex sex(SexDto s) {
        return s == null ? null : Sex.valueOf(s.name());
    }

    private static ArtHistory art(ArtHistoryDto a) {
        return a == null ? null : new ArtHistory(a.getStartDate(), a.getLastRegimenChange(), a.getCurrentDrugs());
    }

    private static List<Malignancy> malignancies(List<MalignancyDto> m) {
        return m == null ? null : m.stream().map(x -> Malignancy.valueOf(x.name())).toList();
    }

    public static AssessmentDto toDto(Assessment a) {
        return new AssessmentDto(a.candidateId(), a.protocolId(), a.rulesVersion(), a.rulesHash(), a.asOf(),
                VerdictDto.valueOf(a.verdict().name()), a.criteria().stream().map(EligibilityMapper::toDto).toList(),
                a.notes());
    }

    private static CriterionResultDto toDto(CriterionResult r) {
        return new CriterionResultDto(r.criterionId(), r.title(), CriterionTypeDto.valueOf(r.type().name()),
                CriterionStatusDto.valueOf(r.status().name()), r.assumption())
                .observed(r.observed()).observedOn(r.observedOn()).threshold(r.threshold()).unit(r.unit())
                .rule(r.rule()).source(r.source()).settleBy(r.settleBy()).notBefore(r.notBefore());
    }
}
