package org.il7cds.engine.dosing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.rules.DosingDefinition;
import org.il7cds.engine.rules.Parameter;

/**
 * The notes of a calendar: each rule decision with its rule and source, then what the engine did (sites, defaults,
 * the schedule, moved doses, visits off clinic days, vials) and the protocol's assumptions, in the protocol's own
 * words ({@code protocol.yaml} dosing: {@code visitsNote}, {@code assumptionsNote}).
 */
final class CalendarNotes {

    private CalendarNotes() {
    }

    static List<String> notes(DosingDefinition dosing, DosingRequestCheck.Inputs in, DosingDecisions decisions,
            Assessment assessment, SchedulePlacer.Placement placement, List<InjectionSite> sites,
            List<MonitoringVisit> visits) {
        List<String> notes = new ArrayList<>();
        decisions.traces().forEach(t -> notes.add(t.toString()));
        if (sites.size() > 1) {
            notes.add("each dose is split into " + sites.size() + " injection sites ("
                    + sites.stream().map(s -> s.volumeMl().toPlainString()).collect(Collectors.joining(" + "))
                    + " mL) because the volume is above the " + DosingEngine.plain(in.maxVolumePerSiteMl())
                    + " mL maximum per site: an equal split rounded to the " + DosingEngine.plain(in.syringeGraduationMl())
                    + " mL graduation, any remainder on the first sites, adding up exactly to the dose volume");
        }
        if (in.defaultGraduation()) {
            notes.add("syringe graduation not given: the protocol default "
                    + dosing.parameter("defaultSyringeGraduation").display() + " was used (" + source(dosing,
                            "defaultSyringeGraduation") + ")");
        }
        if (in.concentrationUgPerMl() == null) {
            notes.add("no concentration given: volumes and injection sites are not computed"
                    + (in.volumeInputsIgnored() ? " (the syringe graduation and maximum volume per site given are"
                            + " not used without it)" : ""));
        } else if (in.maxVolumePerSiteMl() == null) {
            notes.add("no maximum volume per injection site given: each dose is one injection");
        }
        notes.add("schedule: " + dosing.whole("doses") + " doses on clinic days " + DosingRequestCheck.names(in.clinicDays())
                + (in.defaultClinicDays() ? " (protocol default: " + source(dosing, "clinicDays") + ")" : " (requested)")
                + ", at least " + dosing.parameter("minDaysBetweenDoses").display() + " apart ("
                + source(dosing, "minDaysBetweenDoses") + "), at most " + dosing.whole("maxDosesPerIsoWeek")
                + " per ISO week, on course days 0.." + dosing.whole("lastCourseDay") + " (" + dosing.source() + ")");
        for (SchedulePlacer.Slot s : placement.placed()) {
            if (s.moved()) {
                notes.add("dose " + s.number() + " moved from " + s.nominal() + " to " + s.date() + " ("
                        + s.date().getDayOfWeek() + ")" + (in.closures().contains(s.nominal())
                                ? ": " + s.nominal() + " is a clinic closure"
                                : ": an earlier dose was moved by a closure"));
            }
        }
        for (MonitoringVisit v : visits) {
            if (in.closures().contains(v.date()) || !in.clinicDays().contains(v.date().getDayOfWeek())) {
                notes.add("monitoring visit " + v.id() + " (" + v.label() + ") falls on " + v.date() + ", "
                        + (in.closures().contains(v.date()) ? "a clinic closure" : "not a clinic day")
                        + ": it is not moved; arrange it on a nearby clinic day");
            }
        }
        if (in.vialSizeUg() != null) {
            notes.add("vials: " + CourseTotals.VIAL_RULE);
        }
        if (visits.stream().anyMatch(MonitoringVisit::assumption)) {
            notes.add(dosing.visitsNote() != null ? dosing.visitsNote()
                    : "monitoring visit days are assumptions (see their sources)");
        }
        decisions.notes().forEach(t -> notes.add(t.toString()));
        List<String> assumed = dosing.parameters().values().stream().filter(Parameter::assumption)
                .map(p -> p.name() + " = " + p.display()).sorted().toList();
        if (!assumed.isEmpty()) {
            notes.add((dosing.assumptionsNote() != null ? dosing.assumptionsNote()
                    : "assumptions (protocol.yaml dosing, not confirmed by the protocol's paper)") + ": "
                    + String.join("; ", assumed));
        }
        assessment.notes().forEach(n -> notes.add("eligibility: " + n));
        return notes;
    }

    private static String source(DosingDefinition dosing, String parameter) {
        Parameter p = dosing.parameter(parameter);
        return p.source() + (p.assumption() ? "; assumption" : "");
    }
}
