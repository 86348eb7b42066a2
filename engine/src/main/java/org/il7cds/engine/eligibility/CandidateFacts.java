package org.il7cds.engine.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.Today;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.LabUnits;

/**
 * Checks a candidate snapshot and turns it into the facts the rules see, as of a date: ages and durations
 * computed, every lab converted to its canonical unit, and per lab kind only the most recent result drawn
 * on or before the as-of date. All input problems are collected and thrown together; nothing is guessed.
 */
final class CandidateFacts {

    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_AGE_YEARS = 130;

    final Person person;
    final Art art;
    final History history;
    final List<Lab> labs;
    /** Every result of the history drawn on or before the as-of date (same-day repeats of one result once). */
    final List<Measurement> measurements;
    final AsOf asOf;
    final List<String> notes;

    private CandidateFacts(Person person, Art art, History history, List<Lab> labs, List<Measurement> measurements,
            AsOf asOf, List<String> notes) {
        this.person = person;
        this.art = art;
        this.history = history;
        this.labs = labs;
        this.measurements = measurements;
        this.asOf = asOf;
        this.notes = notes;
    }

    /**
     * A lab result that passed validation, with its value in the canonical unit and its text for explanations (made
     * once: a result is shown both in its kind's history and as the latest result).
     */
    private record Normalised(LabResult reported, BigDecimal value, String display) {

        Normalised(LabResult reported, BigDecimal value) {
            this(reported, value, CandidateFacts.display(reported, value));
        }
    }

    /** Each kind's canonical unit as {@link LabUnits#canonicalSpelling} writes it. */
    private static final Map<LabKind, String> CANONICAL_SPELLING = new EnumMap<>(LabKind.class);

    static {
        for (LabKind k : LabKind.values()) {
            CANONICAL_SPELLING.put(k, LabUnits.canonicalSpelling(k.canonicalUnit()));
        }
    }

    static CandidateFacts of(Candidate c, LocalDate asOf, LocalDate todayAnywhere) {
        return of(c, asOf, todayAnywhere, java.util.function.UnaryOperator.identity());
    }

    /**
     * @param todayAnywhere the latest date it is anywhere now ({@link Today#anywhere}): no date given may be after it
     * @param drugNames the drugs as the protocols' ingredient names (the rules' terminology; identity without one)
     */
    static CandidateFacts of(Candidate c, LocalDate asOf, LocalDate todayAnywhere,
            java.util.function.UnaryOperator<List<String>> drugNames) {
        List<FieldProblem> problems = new ArrayList<>();
        if (c.pseudonymId() == null || !PSEUDONYM.matcher(c.pseudonymId()).matches()) {
            problems.add(new FieldProblem("pseudonymId",
                    "required: 1 to 64 letters, digits or . _ : - (a pseudonym, never a name)"));
        }
        Integer age = age(c, asOf, todayAnywhere, problems);
        if (Boolean.TRUE.equals(c.pregnant()) && c.sex() == Sex.MALE) {
            problems.add(new FieldProblem("pregnant", "is true but sex is MALE: correct one of them"));
        }
        if (c.malignancyHistory() != null && c.malignancyHistory().contains(null)) {
            problems.add(new FieldProblem("malignancyHistory", "contains an empty item"));
        }
        Art art = art(c.art(), asOf, todayAnywhere, problems, drugNames);
        Map<LabKind, List<Normalised>> byKind = new EnumMap<>(LabKind.class);
        for (int i = 0; i < c.labs().size(); i++) {
            Normalised n = normalise(c.labs().get(i), "labs[" + i + "]", todayAnywhere, problems);
            if (n != null) {
                byKind.computeIfAbsent(n.reported().kind(), k -> new ArrayList<>()).add(n);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<String> notes = new ArrayList<>();
        List<Lab> labs = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        byKind.forEach((kind, results) -> {
            measurements.addAll(history(kind, results, asOf));
            int later = 0;
            for (Normalised r : results) {
                later += r.reported().sampleDate().isAfter(asOf) ? 1 : 0;
            }
            if (later > 0) {
                notes.add(later + " " + kind.label() + " result(s) drawn after the as-of date " + asOf
                        + " were not used");
            }
            Lab lab = latest(kind, results, asOf);
            if (lab != null) {
                labs.add(lab);
            }
        });
        return new CandidateFacts(new Person(age, c.sex(), c.pregnant(), c.breastfeeding()), art,
                new History(c.priorInterleukinTherapy(), c.malignancyHistory(), c.activeOpportunisticInfection()),
                labs, measurements, new AsOf(asOf), notes);
    }

    /** The kind's results drawn on or before the as-of date, oldest first, linked to their neighbours. */
    private static List<Measurement> history(LabKind kind, List<Normalised> results, LocalDate asOf) {
        List<Normalised> kept = new ArrayList<>(results.size());
        for (Normalised r : results) {
            if (!r.reported().sampleDate().isAfter(asOf) && !repeated(kept, r)) {
                kept.add(r);
            }
        }
        kept.sort(java.util.Comparator.comparing(r -> r.reported().sampleDate()));
        List<Measurement> out = new ArrayList<>(kept.size());
        for (Normalised r : kept) {
            LocalDate drawn = r.reported().sampleDate();
            out.add(new Measurement(kind, r.value(), comparatorOf(r), r.reported().qualitative(), drawn,
                    Math.toIntExact(ChronoUnit.DAYS.between(drawn, asOf)), r.display()));
        }
        Measurement.link(out);
        return out;
    }

    /** Whether {@code kept} already holds the same result drawn on the same day. */
    private static boolean repeated(List<Normalised> kept, Normalised r) {
        for (Normalised k : kept) {
            if (k.reported().sampleDate().equals(r.reported().sampleDate()) && sameResult(k, r)) {
                return true;
            }
        }
        return false;
    }

    private static Integer age(Candidate c, LocalDate asOf, LocalDate todayAnywhere, List<FieldProblem> problems) {
        Integer fromBirth = null;
        if (c.birthDate() != null) {
            if (c.birthDate().isAfter(todayAnywhere) || c.birthDate().isAfter(asOf)) {
                problems.add(new FieldProblem("birthDate", "is after the as-of date or today"));
                return null;
            }
            fromBirth = Period.between(c.birthDate(), asOf).getYears();
            if (fromBirth > MAX_AGE_YEARS) {
                problems.add(new FieldProblem("birthDate", "gives an age above " + MAX_AGE_YEARS + " years"));
                return null;
            }
        }
        if (c.ageYears() != null) {
            if (c.ageYears() < 0 || c.ageYears() > MAX_AGE_YEARS) {
                problems.add(new FieldProblem("ageYears", "must be between 0 and " + MAX_AGE_YEARS));
                return null;
            }
            if (fromBirth != null && !fromBirth.equals(c.ageYears())) {
                problems.add(new FieldProblem("ageYears", "disagrees with birthDate at the as-of date " + asOf
                        + ": give one of them, or correct it"));
                return null;
            }
            return c.ageYears();
        }
        return fromBirth;
    }

    private static Art art(ArtHistory h, LocalDate asOf, LocalDate todayAnywhere, List<FieldProblem> problems,
            java.util.function.UnaryOperator<List<String>> drugNames) {
        if (h == null) {
            return new Art(null, null, null, null, null);
        }
        if (h.startDate() != null && h.startDate().isAfter(todayAnywhere)) {
            problems.add(new FieldProblem("art.startDate", "is in the future (" + Today.after(todayAnywhere) + ")"));
        }
        if (h.lastRegimenChange() != null && h.lastRegimenChange().isAfter(todayAnywhere)) {
            problems.add(new FieldProblem("art.lastRegimenChange",
                    "is in the future (" + Today.after(todayAnywhere) + ")"));
        }
        if (h.startDate() != null && h.lastRegimenChange() != null
                && h.lastRegimenChange().isBefore(h.startDate())) {
            problems.add(new FieldProblem("art.lastRegimenChange", "is before art.startDate"));
        }
        boolean drugsReadable = true;
        if (h.currentDrugs() != null) {
            for (int i = 0; i < h.currentDrugs().size(); i++) {
                String d = h.currentDrugs().get(i);
                if (d == null || d.isBlank() || d.length() > 80) {
                    problems.add(new FieldProblem("art.currentDrugs[" + i + "]", "must be a drug name of 1 to 80 characters"));
                    drugsReadable = false;
                }
            }
        }
        return new Art(months(h.startDate(), asOf), months(h.lastRegimenChange(), asOf), h.startDate(),
                h.lastRegimenChange(), drugsReadable ? drugNames.apply(h.currentDrugs()) : null);
    }

    /** Whole months from {@code from} to the as-of date; null when unknown or after the as-of date. */
    private static Integer months(LocalDate from, LocalDate asOf) {
        if (from == null || from.isAfter(asOf)) {
            return null;
        }
        return Math.toIntExact(ChronoUnit.MONTHS.between(from, asOf));
    }

    private static Normalised normalise(LabResult r, String at, LocalDate todayAnywhere, List<FieldProblem> problems) {
        if (r == null) {
            problems.add(new FieldProblem(at, "is empty"));
            return null;
        }
        int before = problems.size();
        if (r.kind() == null) {
            problems.add(new FieldProblem(at + ".kind", "is required"));
        }
        if (r.sampleDate() == null) {
            problems.add(new FieldProblem(at + ".sampleDate", "is required: a result without a date cannot be used"));
        } else if (r.sampleDate().isAfter(todayAnywhere)) {
            problems.add(new FieldProblem(at + ".sampleDate", "is in the future (" + Today.after(todayAnywhere) + ")"));
        }
        if ((r.value() == null) == (r.qualitative() == null)) {
            problems.add(new FieldProblem(at + ".value", "give either a value or a qualitative result, not both or neither"));
        }
        if (r.kind() != null && r.kind() != LabKind.HIV_RNA) {
            if (r.qualitative() != null) {
                problems.add(new FieldProblem(at + ".qualitative", "is only accepted for HIV-1 RNA"));
            }
            if (r.comparator() != null && r.comparator() != Comparator.EQ) {
                problems.add(new FieldProblem(at + ".comparator", "censored values are only accepted for HIV-1 RNA"));
            }
        }
        if (r.kind() != null && r.kind() != LabKind.CREATININE && r.upperLimitOfNormal() != null) {
            problems.add(new FieldProblem(at + ".upperLimitOfNormal", "is only accepted for creatinine"));
        }
        if (r.value() != null && r.value().signum() < 0) {
            problems.add(new FieldProblem(at + ".value", "cannot be negative"));
        }
        if (problems.size() > before) {
            return null;
        }
        if (r.qualitative() != null) {
            return new Normalised(r, null);
        }
        try {
            return new Normalised(r, LabUnits.toCanonical(r.kind(), r.value(), r.unit(), r.upperLimitOfNormal()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(at + ".unit", e.getMessage()));
            return null;
        }
    }

    /** The most recent result drawn on or before the as-of date, or null; same-day results that differ conflict. */
    private static Lab latest(LabKind kind, List<Normalised> results, LocalDate asOf) {
        LocalDate last = null;
        for (Normalised r : results) {
            LocalDate drawn = r.reported().sampleDate();
            if (!drawn.isAfter(asOf) && (last == null || drawn.isAfter(last))) {
                last = drawn;
            }
        }
        if (last == null) {
            return null;
        }
        List<Normalised> sameDay = new ArrayList<>(1);
        for (Normalised r : results) {
            if (r.reported().sampleDate().equals(last)) {
                sameDay.add(r);
            }
        }
        Normalised first = sameDay.get(0);
        boolean conflicting = false;
        for (Normalised r : sameDay) {
            conflicting |= !sameResult(first, r);
        }
        String display = conflicting
                ? String.join(" and ", sameDay.stream().map(Normalised::display).distinct().toList())
                        + " (conflicting results on the same day)"
                : first.display();
        Comparator comparator = comparatorOf(first);
        return new Lab(kind, first.value(), comparator, first.reported().qualitative(), last,
                Math.toIntExact(ChronoUnit.DAYS.between(last, asOf)), conflicting, display);
    }

    private static boolean sameResult(Normalised a, Normalised b) {
        return Objects.equals(a.reported().qualitative(), b.reported().qualitative())
                && Objects.equals(comparatorOf(a), comparatorOf(b))
                && (a.value() == null ? b.value() == null : b.value() != null && a.value().compareTo(b.value()) == 0);
    }

    private static Comparator comparatorOf(Normalised n) {
        return comparatorOf(n.reported());
    }

    /** The result's comparator ({@code EQ} when not given); null for a qualitative result. */
    private static Comparator comparatorOf(LabResult r) {
        return r.qualitative() != null ? null : Objects.requireNonNullElse(r.comparator(), Comparator.EQ);
    }

    private static String display(LabResult r, BigDecimal value) {
        if (r.qualitative() != null) {
            return "target not detected";
        }
        String symbol = comparatorOf(r).symbol();
        String canonical = symbol + value.toPlainString() + " " + r.kind().canonicalUnit();
        boolean creatinine = r.kind() == LabKind.CREATININE;
        if (!creatinine && LabUnits.canonicalSpelling(r.unit()).equals(CANONICAL_SPELLING.get(r.kind()))) {
            return canonical;
        }
        String reported = symbol + r.value().toPlainString() + " " + r.unit().trim();
        return canonical + " (reported " + reported
                + (creatinine ? ", ULN " + r.upperLimitOfNormal().toPlainString() : "") + ")";
    }
}
