package org.il7cds.api.dosing;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.model.CalendarRequestDto;
import org.il7cds.api.generated.model.CourseTotalsDto;
import org.il7cds.api.generated.model.CycleCalendarRequestDto;
import org.il7cds.api.generated.model.MonitoringActionDto;
import org.il7cds.api.generated.model.PreviousCycleDto;
import org.il7cds.api.generated.model.DayOfWeekDto;
import org.il7cds.api.generated.model.DosingCalendarDto;
import org.il7cds.api.generated.model.EligibilityOverrideDto;
import org.il7cds.api.generated.model.InjectionSiteDto;
import org.il7cds.api.generated.model.MonitoringVisitDto;
import org.il7cds.api.generated.model.OverrideReasonDto;
import org.il7cds.api.generated.model.ProblemDto;
import org.il7cds.api.generated.model.ScheduledDoseDto;
import org.il7cds.api.generated.model.UnplacedDoseDto;
import org.il7cds.api.generated.model.VerdictDto;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.api.web.Problems;
import org.il7cds.api.course.CourseMapper;
import org.il7cds.engine.course.CycleNotIndicatedException;
import org.il7cds.engine.dosing.CalendarRefusedException;
import org.il7cds.engine.eligibility.PreviousCycle;
import org.il7cds.engine.dosing.CalendarRequest;
import org.il7cds.engine.dosing.CourseTotals;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.EligibilityOverride;
import org.il7cds.engine.dosing.InjectionSite;
import org.il7cds.engine.dosing.MonitoringVisit;
import org.il7cds.engine.dosing.OverrideReason;
import org.il7cds.engine.dosing.ScheduledDose;
import org.il7cds.engine.dosing.UnplacedDose;
import org.il7cds.engine.eligibility.Verdict;

/** Maps calendar requests to the engine's {@link CalendarRequest} and calendars back to DTOs. */
public final class DosingMapper {

    /** Top-level fields of a calendar request; any other engine field path belongs to the candidate. */
    private static final Set<String> REQUEST_FIELDS = Set.of("protocolId", "doseLevelUgPerKg", "weightKg",
            "weightMeasuredOn", "firstInjectionDate", "clinicDays", "closures", "concentrationUgPerMl",
            "maxVolumePerSiteMl", "syringeGraduationMl", "vialSizeUg", "asOf", "candidate", "override");

    /** The path of the calendar operation, the {@code instance} of its problems. */
    static final String CALENDARS = "/v1/dosing/calendars";
    /** The path of the new cycle's calendar operation. */
    static final String CYCLE_CALENDARS = "/v1/dosing/cycle-calendars";

    private DosingMapper() {
    }

    /** An engine request with the way back from engine field paths to request field paths. */
    public record MappedRequest(CalendarRequest request, EligibilityMapper.MappedCandidate candidate) {

        public InvalidInputException translate(InvalidInputException e) {
            return new InvalidInputException(e.problems().stream()
                    .map(p -> new FieldProblem(path(p.field()), p.message())).toList());
        }

        String path(String field) {
            String f = field == null ? "" : field;
            if (f.startsWith("candidate.")) {
                return candidate.path(f.substring("candidate.".length()));
            }
            String head = f.split("[.\\[]", 2)[0];
            return REQUEST_FIELDS.contains(head) ? f : candidate.path(f);
        }
    }

    /**
     * A new cycle's calendar request: its calendar request (fields named {@code calendar.} in the request) and the
     * course history ({@code previousCycles}, as the engine names it).
     */
    public record MappedCycle(MappedRequest calendar, List<PreviousCycle> previousCycles) {

        public InvalidInputException translate(InvalidInputException e) {
            return new InvalidInputException(e.problems().stream().map(p ->
                    p.field() != null && p.field().startsWith("previousCycles") ? p
                            : new FieldProblem("calendar." + calendar.path(p.field()), p.message())).toList());
        }
    }

    /** @throws InvalidInputException with the fields named as the request names them */
    public static MappedCycle toCycleRequest(CycleCalendarRequestDto dto) {
        CalendarRequestDto calendar = dto.getCalendar();
        if (calendar == null) {
            throw new InvalidInputException("calendar", "is required: the new cycle's calendar request");
        }
        if (calendar.getCandidateBundle() != null) {
            // The FHIR mapping reads a first course's request only; a new cycle's candidate comes as JSON.
            throw new InvalidInputException("calendar.candidateBundle", "is not read for a new cycle's calendar: give"
                    + " the candidate as JSON (calendar.candidate)");
        }
        if (calendar.getCandidate() == null) {
            throw new InvalidInputException("calendar.candidate", "is required: the candidate with the history of"
                    + " results the re-treatment criteria read");
        }
        MappedRequest mapped;
        try {
            mapped = toRequest(calendar);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(p -> new FieldProblem("calendar." + p.field(),
                    p.message())).toList());
        }
        List<PreviousCycleDto> cycles = dto.getPreviousCycles();
        return new MappedCycle(mapped, cycles == null ? null : cycles.stream().map(c -> c == null ? null
                : new PreviousCycle(c.getProtocolId(), c.getDoseLevelUgPerKg(), c.getDoseDates())).toList());
    }

    public static MappedRequest toRequest(CalendarRequestDto dto) {
        List<FieldProblem> problems = new ArrayList<>();
        EligibilityMapper.checkDecimal(dto.getDoseLevelUgPerKg(), "doseLevelUgPerKg", problems);
        EligibilityMapper.checkDecimal(dto.getWeightKg(), "weightKg", problems);
        EligibilityMapper.checkDecimal(dto.getConcentrationUgPerMl(), "concentrationUgPerMl", problems);
        EligibilityMapper.checkDecimal(dto.getMaxVolumePerSiteMl(), "maxVolumePerSiteMl", problems);
        EligibilityMapper.checkDecimal(dto.getSyringeGraduationMl(), "syringeGraduationMl", problems);
        EligibilityMapper.checkDecimal(dto.getVialSizeUg(), "vialSizeUg", problems);
        EligibilityMapper.MappedCandidate candidate;
        try {
            candidate = EligibilityMapper.toCandidate(dto.getCandidate(), "candidate.");
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            throw new InvalidInputException(problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Set<DayOfWeek> clinicDays = null;
        if (dto.getClinicDays() != null) {
            clinicDays = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeekDto d : dto.getClinicDays()) {
                clinicDays.add(DayOfWeek.valueOf(d.name()));
            }
        }
        EligibilityOverrideDto o = dto.getOverride();
        EligibilityOverride override = o == null ? null
                : new EligibilityOverride(OverrideReason.valueOf(o.getReasonCode().name()), o.getAuthorisedBy(), o.getNote());
        CalendarRequest request = new CalendarRequest(dto.getProtocolId(), dto.getDoseLevelUgPerKg(), dto.getWeightKg(),
                dto.getWeightMeasuredOn(), dto.getFirstInjectionDate(), clinicDays, dto.getClosures(),
                dto.getConcentrationUgPerMl(), dto.getMaxVolumePerSiteMl(), dto.getSyringeGraduationMl(),
                candidate.candidate(), override, dto.getAsOf(), dto.getVialSizeUg());
        return new MappedRequest(request, candidate);
    }

    public static DosingCalendarDto toDto(DosingCalendar c) {
        EligibilityOverride o = c.override();
        CourseTotals t = c.totals();
        return new DosingCalendarDto(c.calendarId(), c.pseudonymId(), c.asOf(), c.protocolId(), c.rulesVersion(),
                c.rulesHash(), VerdictDto.valueOf(c.eligibility().name()), c.doseLevelUgPerKg(), c.weightKg(),
                c.weightMeasuredOn(), c.doseRounding(), c.doses().stream().map(DosingMapper::toDto).toList(),
                c.visits().stream().map(DosingMapper::toDto).toList(), new CourseTotalsDto(t.doses(), t.orderedUg())
                        .deliveredUg(t.deliveredUg()).volumeMl(t.volumeMl()).vialSizeUg(t.vialSizeUg()).vials(t.vials()),
                c.notes())
                .override(o == null ? null : new EligibilityOverrideDto(OverrideReasonDto.valueOf(o.reasonCode().name()),
                        o.authorisedBy()).note(o.note()));
    }

    private static ScheduledDoseDto toDto(ScheduledDose d) {
        return new ScheduledDoseDto(d.id(), d.number(), d.date(), DayOfWeekDto.valueOf(d.weekday().name()),
                d.courseDay(), d.doseUg(), d.sites().stream().map(s -> new InjectionSiteDto(s.site(), s.volumeMl())).toList())
                .volumeMl(d.volumeMl()).deliveredUg(d.deliveredUg()).volumeRoundingErrorPercent(d.volumeRoundingErrorPercent()).movedFrom(d.movedFrom());
    }

    private static MonitoringVisitDto toDto(MonitoringVisit v) {
        // A first course's visits carry no actions: no "actions" member, so that their answers read as before.
        return new MonitoringVisitDto(v.id(), v.label(), v.courseDay(), v.date(), v.labs(), v.assumption())
                .source(v.source()).actions(v.actions().isEmpty() ? null : v.actions().stream()
                        .map(a -> new MonitoringActionDto(a.action(), a.dueBy(), a.overdue(), a.reason())
                                .dueFrom(a.dueFrom()).basedOn(a.basedOn()).rule(a.rule()).source(a.source()))
                        .toList());
    }

    /**
     * The 422 calendar-refused answer, with the assessment that refused the calendar and the refusal's decision id
     * (a recorded answer, so built here rather than by the problem advice).
     */
    public static ProblemDto refusal(CalendarRefusedException e, String decisionId) {
        Problems.Kind kind = Problems.Kind.CALENDAR_REFUSED;
        return new ProblemDto(kind.type(), kind.title(), kind.status().value()).detail(Problems.calendarRefused(e))
                .instance(CALENDARS).assessment(EligibilityMapper.toDto(e.assessment())).decisionId(decisionId);
    }

    /**
     * The 422 cycle-not-indicated answer, with the re-treatment decision that refused the calendar and the refusal's
     * decision id.
     */
    public static ProblemDto cycleRefusal(CycleNotIndicatedException e, String decisionId) {
        Problems.Kind kind = Problems.Kind.CYCLE_NOT_INDICATED;
        return new ProblemDto(kind.type(), kind.title(), kind.status().value()).detail(Problems.cycleNotIndicated(e))
                .instance(CYCLE_CALENDARS).retreatment(CourseMapper.toDto(e.decision())).decisionId(decisionId);
    }

    /** A recorded calendar's JSON back to the engine's calendar, to render it as iCalendar or CSV again. */
    static DosingCalendar fromDto(DosingCalendarDto c) {
        EligibilityOverrideDto o = c.getOverride();
        CourseTotalsDto t = c.getTotals();
        return new DosingCalendar(c.getCalendarId(), c.getPseudonymId(), c.getAsOf(), c.getProtocolId(),
                c.getRulesVersion(), c.getRulesHash(), Verdict.valueOf(c.getEligibility().name()), o == null ? null
                        : new EligibilityOverride(OverrideReason.valueOf(o.getReasonCode().name()), o.getAuthorisedBy(),
                                o.getNote()),
                c.getDoseLevelUgPerKg(), c.getWeightKg(), c.getWeightMeasuredOn(), c.getDoseRounding(),
                c.getDoses().stream().map(d -> new ScheduledDose(d.getId(), d.getNumber(), d.getDate(),
                        DayOfWeek.valueOf(d.getWeekday().name()), d.getCourseDay(), d.getDoseUg(), d.getVolumeMl(),
                        d.getDeliveredUg(),
                        d.getSites().stream().map(x -> new InjectionSite(x.getSite(), x.getVolumeMl())).toList(),
                        d.getVolumeRoundingErrorPercent(), d.getMovedFrom())).toList(),
                c.getVisits().stream().map(v -> new MonitoringVisit(v.getId(), v.getLabel(), v.getCourseDay(),
                        v.getDate(), v.getLabs(), v.getAssumption(), v.getSource(), v.getActions() == null ? List.of()
                                : v.getActions().stream().map(a -> new MonitoringVisit.Action(a.getAction(),
                                        a.getDueFrom(), a.getDueBy(), a.getOverdue(), a.getBasedOn(), a.getReason(),
                                        a.getRule(), a.getSource())).toList())).toList(),
                new CourseTotals(t.getDoses(), t.getOrderedUg(), t.getDeliveredUg(), t.getVolumeMl(), t.getVialSizeUg(),
                        t.getVials()),
                c.getNotes());
    }

    public static List<UnplacedDoseDto> toDto(List<UnplacedDose> unplaced) {
        return unplaced.stream().map(u -> new UnplacedDoseDto(u.number(), u.reason())).toList();
    }
}
