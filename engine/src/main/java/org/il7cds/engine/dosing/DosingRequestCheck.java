package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.Today;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.DosingDefinition;

/**
 * The checks of a calendar request the engine makes itself, whatever the protocol (dates, positive numbers, the
 * override's fields, the first injection on an open clinic day), and the request's values with the protocol's
 * defaults applied. The protocol's own limits (dose levels, weights) are the dosing rules' ({@link DosingRules}).
 */
final class DosingRequestCheck {

    private DosingRequestCheck() {
    }

    /** The request's values after protocol-independent checks; invalid ones are null, defaults applied. */
    record Inputs(BigDecimal doseLevelUgPerKg, BigDecimal weightKg, Set<DayOfWeek> clinicDays,
            boolean defaultClinicDays, Set<LocalDate> closures, BigDecimal concentrationUgPerMl,
            BigDecimal syringeGraduationMl, boolean defaultGraduation, BigDecimal maxVolumePerSiteMl,
            BigDecimal vialSizeUg, EligibilityOverride override, boolean volumeInputsIgnored) {
    }

    /**
     * @param today the service's date: the default planning date
     * @param todayAnywhere the latest date it is anywhere now ({@link Today#anywhere}): no weight is measured after it
     */
    static Inputs validate(CalendarRequest r, DosingDefinition dosing, LocalDate today, LocalDate todayAnywhere,
            List<FieldProblem> problems) {
        // The planning date: the checks that would otherwise use today use it, so that a request gives the same
        // answer on any later day. A weight is never in the future, whatever the planning date.
        LocalDate asOf = r.asOf() == null ? today : r.asOf();
        String planned = r.asOf() == null ? "today (" + today + ")" : "the planning date asOf (" + asOf + ")";
        if (asOf.isBefore(EligibilityEngine.EARLIEST_AS_OF) || asOf.isAfter(today.plusYears(1))) {
            problems.add(new FieldProblem("asOf", "must be between " + EligibilityEngine.EARLIEST_AS_OF
                    + " and one year from today (" + today.plusYears(1) + ")"));
            asOf = today;
        }
        BigDecimal level = positive("doseLevelUgPerKg", r.doseLevelUgPerKg(), true, problems);
        BigDecimal weight = positive("weightKg", r.weightKg(), true, problems);
        if (r.weightMeasuredOn() == null) {
            problems.add(new FieldProblem("weightMeasuredOn", "is required: the date the weight was measured"));
        } else if (r.weightMeasuredOn().isAfter(todayAnywhere)) {
            problems.add(new FieldProblem("weightMeasuredOn", "is in the future (" + Today.after(todayAnywhere) + ")"));
        } else if (r.weightMeasuredOn().isAfter(asOf)) {
            problems.add(new FieldProblem("weightMeasuredOn", "is after " + planned
                    + ": the weight must be known when the calendar is planned"));
        } else if (r.weightMeasuredOn().isBefore(asOf.minusYears(10))) {
            problems.add(new FieldProblem("weightMeasuredOn", "is more than ten years ago: measure the weight again"));
        }
        Set<DayOfWeek> clinicDays = null;
        boolean defaultDays = r.clinicDays() == null;
        if (defaultDays) {
            clinicDays = dosing.defaultClinicDays();
        } else if (r.clinicDays().isEmpty()) {
            problems.add(new FieldProblem("clinicDays", "is empty: name at least one clinic day, or omit it for the"
                    + " protocol's default (" + names(dosing.defaultClinicDays()) + ")"));
        } else {
            clinicDays = EnumSet.copyOf(r.clinicDays());
        }
        Set<LocalDate> closures = new TreeSet<>();
        if (r.closures().size() > DosingEngine.MAX_CLOSURES) {
            problems.add(new FieldProblem("closures", "has more than " + DosingEngine.MAX_CLOSURES + " dates"));
        } else {
            for (int i = 0; i < r.closures().size(); i++) {
                if (r.closures().get(i) == null) {
                    problems.add(new FieldProblem("closures[" + i + "]", "is empty"));
                } else {
                    closures.add(r.closures().get(i));
                }
            }
        }
        LocalDate first = r.firstInjectionDate();
        if (first == null) {
            problems.add(new FieldProblem("firstInjectionDate", "is required"));
        } else if (first.isBefore(asOf)) {
            problems.add(new FieldProblem("firstInjectionDate", "is before " + planned
                    + ": a calendar is planned from that day on"));
        } else if (first.isAfter(latestStart(asOf, today))) {
            problems.add(new FieldProblem("firstInjectionDate", "is more than a year ahead (after "
                    + latestStart(asOf, today) + "): eligibility and weight would not hold until then"));
        } else if (clinicDays != null) {
            // The first dose is never moved: a wrong start date is the caller's to correct.
            LocalDate next = SchedulePlacer.nextOpenClinicDay(first.plusDays(1), clinicDays, closures);
            String hint = next == null ? "no open clinic day follows within a year"
                    : "the next open clinic day is " + next + " (" + next.getDayOfWeek() + ")";
            if (!clinicDays.contains(first.getDayOfWeek())) {
                problems.add(new FieldProblem("firstInjectionDate", "is a " + first.getDayOfWeek()
                        + ", not a clinic day (" + names(clinicDays) + "); the first dose is never moved: " + hint));
            } else if (closures.contains(first)) {
                problems.add(new FieldProblem("firstInjectionDate",
                        "is a clinic closure; the first dose is never moved: " + hint));
            }
        }
        BigDecimal concentration = positive("concentrationUgPerMl", r.concentrationUgPerMl(), false, problems);
        BigDecimal graduation = positive("syringeGraduationMl", r.syringeGraduationMl(), false, problems);
        BigDecimal maxPerSite = positive("maxVolumePerSiteMl", r.maxVolumePerSiteMl(), false, problems);
        BigDecimal vialSize = positive("vialSizeUg", r.vialSizeUg(), false, problems);
        boolean defaultGraduation = false;
        if (r.syringeGraduationMl() == null && concentration != null) {
            graduation = dosing.number("defaultSyringeGraduation");
            defaultGraduation = true;
        }
        if (maxPerSite != null && graduation != null && maxPerSite.compareTo(graduation) < 0) {
            problems.add(new FieldProblem("maxVolumePerSiteMl", "is smaller than the syringe graduation"));
        }
        EligibilityOverride override = r.override();
        if (override != null) {
            if (override.reasonCode() == null) {
                problems.add(new FieldProblem("override.reasonCode", "is required: one of "
                        + Arrays.toString(OverrideReason.values())));
            }
            if (override.authorisedBy() == null || override.authorisedBy().isBlank()) {
                problems.add(new FieldProblem("override.authorisedBy",
                        "is required: the name or staff id of the person who authorised the override"));
            } else if (override.authorisedBy().length() > 200) {
                problems.add(new FieldProblem("override.authorisedBy", "is longer than 200 characters"));
            }
        }
        return new Inputs(level, weight, clinicDays, defaultDays, closures, concentration,
                concentration == null ? null : graduation, defaultGraduation,
                concentration == null ? null : maxPerSite, vialSize, override,
                concentration == null && (r.syringeGraduationMl() != null || r.maxVolumePerSiteMl() != null));
    }

    /** A course starts within a year of its planning date, and never more than a year after today. */
    private static LocalDate latestStart(LocalDate asOf, LocalDate today) {
        LocalDate a = asOf.plusYears(1);
        LocalDate b = today.plusYears(1);
        return a.isBefore(b) ? a : b;
    }

    private static BigDecimal positive(String field, BigDecimal value, boolean required, List<FieldProblem> problems) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        if (value.signum() <= 0) {
            problems.add(new FieldProblem(field, "must be greater than zero"));
            return null;
        }
        return value;
    }

    static String names(Set<DayOfWeek> days) {
        return days.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }
}
