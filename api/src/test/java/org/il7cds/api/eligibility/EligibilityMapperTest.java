package org.il7cds.api.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.il7cds.api.generated.model.CandidateDto;
import org.il7cds.api.generated.model.CreatinineDto;
import org.il7cds.api.generated.model.LabValueDto;
import org.il7cds.api.generated.model.ViralLoadDto;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.labs.LabKind;
import org.junit.jupiter.api.Test;

/** Test class for {@link EligibilityMapper}: the way back from engine field paths to request field paths. */
class EligibilityMapperTest {

    private static final LocalDate DRAWN = LocalDate.of(2026, 11, 19);

    private static CandidateDto candidate() {
        return new CandidateDto("C-1")
                .cd4Counts(List.of(new LabValueDto(new BigDecimal("250"), "cells/uL", DRAWN),
                        new LabValueDto(new BigDecimal("260"), "cells/uL", DRAWN)))
                .hivRna(List.of(new ViralLoadDto(DRAWN).value(new BigDecimal("20")).unit("IU/mL")))
                .creatinine(List.of(new CreatinineDto(new BigDecimal("0.9"), "mg/dL", new BigDecimal("1.2"), DRAWN)));
    }

    @Test
    void flattensEveryLabIntoTheEngineListInAStableOrder() {
        EligibilityMapper.MappedCandidate m = EligibilityMapper.toCandidate(candidate(), "candidate.");
        assertThat(m.candidate().labs()).extracting(l -> l.kind())
                .containsExactly(LabKind.CD4_COUNT, LabKind.CD4_COUNT, LabKind.HIV_RNA, LabKind.CREATININE);
    }

    @Test
    void mapsEngineLabPathsBackToTheFieldTheClientSent() {
        EligibilityMapper.MappedCandidate m = EligibilityMapper.toCandidate(candidate(), "candidate.");
        InvalidInputException translated = m.translate(new InvalidInputException(List.of(
                new FieldProblem("labs[2].unit", "unknown"), new FieldProblem("labs[3].upperLimitOfNormal", "x"),
                new FieldProblem("labs[1]", "is empty"), new FieldProblem("art.startDate", "future"))));
        assertThat(translated.problems()).extracting(FieldProblem::field).containsExactly(
                "candidate.hivRna[0].unit", "candidate.creatinine[0].upperLimitOfNormal", "candidate.cd4Counts[1]",
                "candidate.art.startDate");
    }

    @Test
    void aBatchElementIsAddressedWithoutPrefix() {
        EligibilityMapper.MappedCandidate m = EligibilityMapper.toCandidate(candidate(), "");
        assertThat(m.path("labs[0].value")).isEqualTo("cd4Counts[0].value");
    }

    @Test
    void refusesDecimalsWithAbsurdScales() {
        CandidateDto c = candidate().cd4Counts(List.of(new LabValueDto(new BigDecimal("1e-40"), "cells/uL", DRAWN)));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> EligibilityMapper.toCandidate(c, "candidate."));
        assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("candidate.cd4Counts[0].value");
    }

    @Test
    void aComparatorWithoutAValueIsRefused() {
        CandidateDto c = candidate().hivRna(List.of(new ViralLoadDto(DRAWN)
                .comparator(org.il7cds.api.generated.model.ComparatorDto.LESS_THAN)
                .result(ViralLoadDto.ResultEnum.NOT_DETECTED)));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> EligibilityMapper.toCandidate(c, ""));
        assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("hivRna[0].comparator");
    }
}
