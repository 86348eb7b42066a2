package org.il7cds.api.course;

import java.util.List;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.model.MonitoredResultDto;
import org.il7cds.api.generated.model.MonitoringActionDto;
import org.il7cds.api.generated.model.MonitoringAnswerDto;
import org.il7cds.api.generated.model.MonitoringVisitPlanDto;
import org.il7cds.api.generated.model.PreviousCycleDto;
import org.il7cds.api.generated.model.RetreatmentDecisionDto;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.course.MonitoringAnswer;
import org.il7cds.engine.course.RetreatmentDecision;
import org.il7cds.engine.eligibility.PreviousCycle;

/** Maps the course-of-treatment DTOs to the engine's requests, and its answers back. */
public final class CourseMapper {

    private CourseMapper() {
    }

    /** null stays null: an absent course history is unknown, never "no previous cycle". */
    static List<PreviousCycle> cycles(List<PreviousCycleDto> dtos) {
        return dtos == null ? null : dtos.stream().map(d -> d == null ? null
                : new PreviousCycle(d.getProtocolId(), d.getDoseLevelUgPerKg(), d.getDoseDates())).toList();
    }

    /**
     * The engine's problems at the fields of the request: those it names under {@code candidate.} are re-addressed by
     * the candidate mapping ({@code candidate.labs[2].unit} becomes {@code candidate.hivRna[0].unit}).
     */
    static InvalidInputException translate(InvalidInputException e, EligibilityMapper.MappedCandidate candidate) {
        return new InvalidInputException(e.problems().stream().map(p -> p.field() != null
                && p.field().startsWith("candidate.") && candidate != null
                ? new FieldProblem(candidate.path(p.field().substring("candidate.".length())), p.message()) : p)
                .toList());
    }

    public static RetreatmentDecisionDto toDto(RetreatmentDecision d) {
        var a = EligibilityMapper.toDto(d.assessment());
        return new RetreatmentDecisionDto(a.getCandidateId(), a.getProtocolId(), a.getRulesVersion(), a.getRulesHash(),
                a.getAsOf(), RetreatmentDecisionDto.DecisionEnum.valueOf(d.decision().name()), d.settleBy(),
                a.getCriteria(), a.getNotes()).earliestDate(d.earliestDate());
    }

    static MonitoringAnswerDto toDto(MonitoringAnswer a) {
        return new MonitoringAnswerDto(a.candidateId(), a.protocolId(), a.rulesVersion(), a.rulesHash(), a.asOf(),
                a.firstDoseDate(), a.lastDoseDate(), a.stopIl7(),
                a.results().stream().map(r -> new MonitoredResultDto(r.sampleDate(), r.observed(), r.onTreatment(),
                        r.classification()).explanation(r.explanation()).rule(r.rule()).source(r.source())).toList(),
                a.actions().stream().map(x -> new MonitoringActionDto(x.action(), x.dueBy(), x.overdue(), x.reason())
                        .dueFrom(x.dueFrom()).basedOn(x.basedOn()).rule(x.rule()).source(x.source())).toList(),
                a.visits().stream().map(v -> new MonitoringVisitPlanDto(v.date(), v.label(),
                        MonitoringVisitPlanDto.KindEnum.valueOf(v.kind()), v.labs(), v.actions()).source(v.source()))
                        .toList(),
                a.notes());
    }
}
