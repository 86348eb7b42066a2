package org.il7cds.engine.dosing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.rules.CompiledProtocol;
import org.il7cds.engine.rules.DosingDefinition;
import org.il7cds.engine.rules.RuleSet;

/**
 * Checks a draft rhIL-7 order (a prescriber's dose, route and timing) against what the protocol's dosing rules
 * prescribe for the patient's weight: the dose comes from the protocol's {@code dosing.drl} (the same rules as a
 * calendar: level, weight limits and age, level × weight with the declared rounding), the schedule from the calendar's
 * placement ({@code SchedulePlacer}) and the {@code dosing:} parameters; nothing of a schedule is written here.
 * No eligibility gate: the order check says whether the order is what the protocol doses, not whether the patient
 * may have it (the assessment says that). Thread-safe.
 */
public final class DoseOrderCheck {

    private static final BigDecimal UG_PER_MG = new BigDecimal("1000");
    private static final BigDecimal DAYS_PER_WEEK = new BigDecimal("7");
    private static final String DOSE_RULE_FALLBACK = "protocol.yaml dosing.doseLevels, doseRoundingIncrement";

    private final Supplier<RuleSet> rules;

    public DoseOrderCheck(Supplier<RuleSet> rules) {
        this.rules = rules;
    }

    /** As {@link #check(RuleSet, String, DraftOrder, BigDecimal, LocalDate, LocalDate)} on the active rules. */
    public OrderReview check(String protocolId, DraftOrder order, BigDecimal weightKg, LocalDate weightMeasuredOn,
            LocalDate asOf) {
        return check(rules.get(), protocolId, order, weightKg, weightMeasuredOn, asOf);
    }

    /**
     * @param protocolId null means the default protocol (levy-2009)
     * @param weightKg the patient's body weight, exact; null when not known (the review then says it is missing)
     * @param weightMeasuredOn required with a weight: its age at the first dose is the dosing rules' to judge
     * @param asOf the date of the check (the first dose date when the order states none)
     * @throws InvalidInputException for values no order can have (a dose ≤ 0, a dose without a unit, ...)
     */
    public OrderReview check(RuleSet ruleSet, String protocolId, DraftOrder order, BigDecimal weightKg,
            LocalDate weightMeasuredOn, LocalDate asOf) {
        if (order == null || asOf == null) {
            throw new InvalidInputException(order == null ? "order" : "asOf", "is required");
        }
        validate(order, weightKg);
        CompiledProtocol protocol = ruleSet.protocolOrDefault(protocolId);
        String id = protocol.definition().id();
        DosingDefinition dosing = protocol.definition().dosing().orElseThrow(() -> new InvalidInputException(
                "protocolId", "protocol " + id + " defines no dosing schedule (no dosing: section)"));
        org.kie.api.KieBase kieBase = protocol.dosingRules().orElseThrow(() -> new InvalidInputException("protocolId",
                "protocol " + id + " has a dosing section but no dosing rules (dosing.drl)"));
        DosingProtocol p = new DosingProtocol(id, dosing);
        LocalDate first = order.firstDoseDate() != null ? order.firstDoseDate()
                : !order.doseDates().isEmpty() ? order.doseDates().stream().min(Comparator.naturalOrder()).orElseThrow()
                : asOf;

        List<OrderReview.Mismatch> mismatches = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (weightKg != null && weightMeasuredOn == null) {
            missing.add("the date the weight was measured: a weight without a date cannot be checked for age");
        }
        BigDecimal weight = weightMeasuredOn == null ? null : weightKg;
        if (weight == null && weightKg == null) {
            missing.add("the patient's body weight (kg, with the date it was measured, at most "
                    + p.display("maxWeightAgeDays") + " before the first dose): the dose in µg cannot be checked or"
                    + " computed without it");
        }

        // 1. The dose level: stated per kg, or implied by an absolute dose and the weight.
        BigDecimal orderedUg = order.doseUnit() == DoseUnit.MG ? order.doseValue().multiply(UG_PER_MG)
                : order.doseUnit() == DoseUnit.UG ? order.doseValue() : null;
        BigDecimal level = null;
        if (order.doseValue() == null) {
            mismatches.add(new OrderReview.Mismatch(OrderReview.Aspect.DOSE_TOTAL, "not stated",
                    "a dose per injection: level × weight", DOSE_RULE_FALLBACK, p.sourceOf("doseLevels")));
        } else if (order.doseUnit() == DoseUnit.UG_PER_KG) {
            DosingDecisions asOrdered = fire(kieBase, p, order.doseValue(), weight, weightMeasuredOn, first);
            List<DosingDecisions.ProblemTrace> levelProblems = asOrdered.problemTraces().stream()
                    .filter(t -> t.field().equals("doseLevelUgPerKg")).toList();
            if (levelProblems.isEmpty()) {
                level = order.doseValue();
            } else {
                DosingDecisions.Trace t = levelProblems.get(0).trace();
                mismatches.add(new OrderReview.Mismatch(OrderReview.Aspect.DOSE_LEVEL, plain(order.doseValue())
                        + " µg/kg", p.getDoseLevelsText(), t.rule(), t.source()));
            }
        }
        BigDecimal corrected = level;
        if (corrected == null) {
            BigDecimal perKg = order.doseUnit() == DoseUnit.UG_PER_KG ? order.doseValue()
                    : orderedUg != null && weight != null ? orderedUg.divide(weight, MathContext.DECIMAL64) : null;
            corrected = nearestLevel(p.getDoseLevels(), perKg, orderedUg, weight, p);
        }

        // 2. The dose the rules compute for the corrected level (and the weight's checks: limits and age).
        DosingDecisions decided = fire(kieBase, p, corrected, weight, weightMeasuredOn, first);
        for (DosingDecisions.ProblemTrace t : decided.problemTraces()) {
            missing.add(t.field() + " " + t.trace().text() + " [rule '" + t.trace().rule() + "']");
        }
        BigDecimal doseUg = decided.problems().isEmpty() && decided.doses().size() == 1 ? decided.doses().get(0)
                : null;
        // Without an eligibility gate or a concentration, the dose rule is the only one that leaves a trace.
        DosingDecisions.Trace doseRule = doseUg == null || decided.traces().isEmpty() ? null : decided.traces().get(0);
        if (orderedUg != null && doseUg != null && p.roundDose(orderedUg, BigDecimal.ONE).compareTo(doseUg) != 0) {
            mismatches.add(new OrderReview.Mismatch(OrderReview.Aspect.DOSE_TOTAL, plain(orderedUg) + " µg ("
                    + plain(orderedUg.divide(weight, 4, RoundingMode.HALF_UP)) + " µg/kg)", plain(doseUg) + " µg = "
                    + plain(weight) + " kg × " + plain(corrected) + " µg/kg, " + p.getDoseRoundingText(),
                    doseRule == null ? DOSE_RULE_FALLBACK : doseRule.rule(),
                    doseRule == null ? p.sourceOf("doseLevels") : doseRule.source()));
        }

        // 3. Route, number of doses, frequency and dates, against the dosing section and the calendar's placement.
        String route = dosing.route();
        if (order.route() == null || !order.route().strip().equalsIgnoreCase(route)) {
            mismatches.add(new OrderReview.Mismatch(OrderReview.Aspect.ROUTE, order.route() == null ? "not stated"
                    : abbreviate(order.route()), route, "protocol.yaml dosing.route", dosing.source()));
        }
        int doses = dosing.whole("doses");
        Integer count = order.numberOfDoses() != null ? order.numberOfDoses()
                : order.doseDates().isEmpty() ? null : order.doseDates().size();
        if (count == null || count != doses) {
            mismatches.add(new OrderReview.Mismatch(OrderReview.Aspect.NUMBER_OF_DOSES, count == null ? "not stated"
                    : count + " doses", doses + " doses", "protocol.yaml dosing.doses", p.sourceOf("doses")));
        }
        int perWeek = dosing.whole("maxDosesPerIsoWeek");
        if (doses > 1 && (order.frequency() != null || order.doseDates().isEmpty())) {
            String ordered = frequencyText(order);
            BigDecimal orderedPerWeek = perWeek(order);
            if (orderedPerWeek == null || orderedPerWeek.compareTo(BigDecimal.valueOf(perWeek)) != 0) {
                mismatches.add(new OrderReview.Mismatch(OrderReview.Aspect.FREQUENCY, ordered, perWeek
                        + " per week", "protocol.yaml dosing.maxDosesPerIsoWeek", p.sourceOf("maxDosesPerIsoWeek")));
            }
        }
        SchedulePlacer.Placement placement = SchedulePlacer.place(first, new SchedulePlacer.Rules(doses,
                dosing.whole("lastCourseDay"), dosing.whole("minDaysBetweenDoses"), perWeek,
                dosing.defaultClinicDays(), java.util.Set.of()));
        List<LocalDate> dates = placement.placed().stream().map(SchedulePlacer.Slot::date).toList();
        if (!order.doseDates().isEmpty() && !order.doseDates().stream().sorted().toList().equals(dates)) {
            mismatches.add(new OrderReview.Mismatch(OrderReview.Aspect.DOSE_DATES, dateList(order.doseDates()),
                    dateList(dates) + (placement.unplaced().isEmpty() ? "" : " (" + placement.unplaced().size()
                            + " doses cannot be placed from " + first + ")"),
                    "the calendar's placement: dosing.clinicDays, minDaysBetweenDoses, maxDosesPerIsoWeek,"
                            + " lastCourseDay", p.sourceOf("clinicDays") + "; " + p.sourceOf("minDaysBetweenDoses")));
        }

        OrderReview.CorrectedOrder correctedOrder = doseUg == null || !placement.unplaced().isEmpty() ? null
                : new OrderReview.CorrectedOrder(corrected, doseUg, route, doses, perWeek, 1, "wk", dates);
        if (doseUg != null && !placement.unplaced().isEmpty()) {
            missing.add("a first dose date from which the protocol's " + doses + " doses can be placed: "
                    + placement.unplaced().get(0).reason());
        }
        OrderReview.Status status = !mismatches.isEmpty() ? OrderReview.Status.MISMATCH
                : !missing.isEmpty() ? OrderReview.Status.INCOMPLETE : OrderReview.Status.MATCHES;
        return new OrderReview(id, ruleSet.version(), ruleSet.contentHash(), status, mismatches, missing,
                doseUg == null ? null : weight, doseUg == null ? null : weightMeasuredOn, p.getDoseRoundingText(),
                correctedOrder);
    }

    private static DosingDecisions fire(org.kie.api.KieBase kieBase, DosingProtocol p, BigDecimal level,
            BigDecimal weightKg, LocalDate weighedOn, LocalDate first) {
        return DosingRules.fire(kieBase, p, new DoseOrder(level, weightKg, weighedOn, first, null, null), null, null);
    }

    /**
     * The protocol level the order was most likely meant at: one whose rounded dose the ordered total rounds to, else
     * the level nearest the ordered µg/kg (ties: the lower, the safer); the lowest level when nothing tells. Always a
     * protocol level; the review's mismatch says the order was not at it.
     */
    private static BigDecimal nearestLevel(List<BigDecimal> levels, BigDecimal perKg, BigDecimal orderedUg,
            BigDecimal weightKg, DosingProtocol p) {
        List<BigDecimal> sorted = levels.stream().sorted().toList();
        if (orderedUg != null && weightKg != null) {
            BigDecimal rounded = p.roundDose(orderedUg, BigDecimal.ONE);
            for (BigDecimal l : sorted) {
                if (p.roundDose(weightKg, l).compareTo(rounded) == 0) {
                    return l;
                }
            }
        }
        if (perKg == null) {
            return sorted.get(0);
        }
        BigDecimal best = sorted.get(0);
        for (BigDecimal l : sorted) {
            if (l.subtract(perKg).abs().compareTo(best.subtract(perKg).abs()) < 0) {
                best = l;
            }
        }
        return best;
    }

    /** Doses per week the order's frequency/period mean, or null when it cannot be compared. */
    private static BigDecimal perWeek(DraftOrder o) {
        if (o.frequency() == null || o.period() == null || o.periodUnit() == null) {
            return null;
        }
        BigDecimal days = switch (o.periodUnit()) {
            case "d" -> o.period();
            case "wk" -> o.period().multiply(DAYS_PER_WEEK);
            default -> null;
        };
        return days == null ? null : BigDecimal.valueOf(o.frequency()).multiply(DAYS_PER_WEEK)
                .divide(days, MathContext.DECIMAL64);
    }

    private static String frequencyText(DraftOrder o) {
        if (o.frequency() == null || o.period() == null || o.periodUnit() == null) {
            return "not stated";
        }
        return o.frequency() + " per " + plain(o.period()) + " " + abbreviate(o.periodUnit());
    }

    private static void validate(DraftOrder o, BigDecimal weightKg) {
        List<FieldProblem> problems = new ArrayList<>();
        if (o.doseValue() != null && o.doseValue().signum() <= 0) {
            problems.add(new FieldProblem("order.dose", "must be greater than zero"));
        }
        if (o.doseValue() != null && o.doseUnit() == null) {
            problems.add(new FieldProblem("order.dose.unit", "is required with a dose: one of µg, mg, µg/kg"));
        }
        if (o.frequency() != null && o.frequency() <= 0) {
            problems.add(new FieldProblem("order.frequency", "must be at least 1"));
        }
        if (o.period() != null && o.period().signum() <= 0) {
            problems.add(new FieldProblem("order.period", "must be greater than zero"));
        }
        if (o.numberOfDoses() != null && o.numberOfDoses() <= 0) {
            problems.add(new FieldProblem("order.numberOfDoses", "must be at least 1"));
        }
        if (o.doseDates().stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(new FieldProblem("order.doseDates", "has an empty date"));
        }
        if (weightKg != null && weightKg.signum() <= 0) {
            problems.add(new FieldProblem("weightKg", "must be greater than zero"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static String dateList(List<LocalDate> dates) {
        return dates.stream().sorted().map(LocalDate::toString).collect(Collectors.joining(", "));
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 20 ? t : t.substring(0, 20) + "…";
    }
}
