package org.il7cds.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.il7cds.engine.eligibility.ArtHistory;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.Malignancy;
import org.il7cds.engine.eligibility.Sex;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.LabUnits;
import org.il7cds.engine.labs.Qualitative;
import org.il7cds.engine.rules.CriterionDefinition;
import org.il7cds.engine.rules.Parameter;
import org.il7cds.engine.rules.ProtocolDefinition;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.terminology.DrugTerminology;

/**
 * The levy-2009 eligibility criteria written by hand in plain Java: the benchmark baseline and the oracle of
 * the differential test. NEVER referenced from engine or api code; it only exists to tell how fast the same
 * decision can be made without Drools, and whether the rules decide what the protocol says.
 *
 * <p>Thresholds: read once, at construction, from the same {@link ProtocolDefinition} parameters the rules
 * read ({@code protocol.yaml}), so an amended threshold cannot make the oracle and the rules drift apart
 * silently; the <em>logic</em> is written independently of the DRL (from protocol.yaml, the DRL comments and
 * the README's "Declared conversions"). A protocol whose criteria this class does not know fails loudly.
 *
 * <p>Semantics replicated: canonical units through the engine's public {@link LabUnits}; per lab kind, the
 * most recent result drawn on or before the as-of date, UNKNOWN when results drawn that day disagree or when
 * it is older than {@code maxAgeDays}; censored HIV-1 RNA decides only when it can; ages in whole years
 * ({@link Period}), c-ART durations in whole months ({@link ChronoUnit#MONTHS}); a verdict is NOT_ELIGIBLE
 * when any criterion is NOT_MET, else INCOMPLETE when any is UNKNOWN, else ELIGIBLE. Input validation is
 * out of scope: give it only candidates the engine accepts.
 */
public final class HandWrittenLevy2009Check {

    /** Criterion ids, in the order this check knows them. */
    static final List<String> KNOWN = List.of("adult", "cd4-count", "hiv-rna-suppressed", "on-cart",
            "cart-duration", "regimen-stable", "no-prior-interleukin", "no-malignancy", "no-active-oi",
            "not-pregnant-or-breastfeeding", "neutrophils", "haemoglobin", "platelets", "creatinine");

    private static final int ADULT = 0, CD4 = 1, HIV = 2, ON_CART = 3, CART_DURATION = 4, REGIMEN = 5,
            INTERLEUKIN = 6, MALIGNANCY = 7, OI = 8, PREGNANCY = 9, NEUTROPHILS = 10, HAEMOGLOBIN = 11,
            PLATELETS = 12, CREATININE = 13;

    /** The protocol's criteria order, and for each the index of this class's decision. */
    private final String[] ids;
    private final int[] order;

    private final int minAgeYears;
    private final BigDecimal cd4Min, cd4Max;
    private final int cd4Days;
    private final BigDecimal rnaBelow;
    private final int rnaDays;
    private final int minActiveAgents;
    private final DrugTerminology drugs;
    private final Set<String> agents, boosters;
    private final List<List<String>> sameAgent;
    private final int minMonthsOnArt, minMonthsStable;
    private final Set<String> allowedMalignancies;
    private final BigDecimal neutrophilsMin, haemoglobinMin, plateletsMin, creatinineMaxTimesUln;
    private final int neutrophilsDays, haemoglobinDays, plateletsDays, creatinineDays;

    /**
     * The check, with thresholds taken from the levy-2009 protocol of a compiled rule set and drug names read with
     * its terminology ({@code terminology/antiretrovirals.yaml}).
     */
    public static HandWrittenLevy2009Check of(RuleSet rules) {
        return new HandWrittenLevy2009Check(rules.protocol("levy-2009")
                .orElseThrow(() -> new IllegalArgumentException("no levy-2009 protocol in this rule set"))
                .definition(), rules.drugs());
    }

    /**
     * @param drugs how clinic drug names become ingredient names: data of the rules, like the thresholds (a brand,
     *        an abbreviation or a salt form is the terminology file's knowledge, not the criterion's logic)
     */
    public HandWrittenLevy2009Check(ProtocolDefinition protocol, DrugTerminology drugs) {
        this.drugs = drugs;
        List<CriterionDefinition> criteria = protocol.criteria();
        ids = new String[criteria.size()];
        order = new int[criteria.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < criteria.size(); i++) {
            ids[i] = criteria.get(i).id();
            order[i] = KNOWN.indexOf(ids[i]);
            if (order[i] < 0) {
                throw new IllegalArgumentException("the hand-written check does not know criterion " + ids[i]
                        + ": write it before benchmarking or comparing");
            }
            seen.add(ids[i]);
        }
        if (!seen.containsAll(KNOWN)) {
            throw new IllegalArgumentException("the protocol lacks criteria the hand-written check decides: "
                    + KNOWN.stream().filter(k -> !seen.contains(k)).toList());
        }
        minAgeYears = whole(protocol, "adult", "minAgeYears");
        cd4Min = num(protocol, "cd4-count", "min");
        cd4Max = num(protocol, "cd4-count", "max");
        cd4Days = whole(protocol, "cd4-count", "maxAgeDays");
        rnaBelow = num(protocol, "hiv-rna-suppressed", "below");
        rnaDays = whole(protocol, "hiv-rna-suppressed", "maxAgeDays");
        minActiveAgents = whole(protocol, "on-cart", "minActiveAgents");
        agents = Set.copyOf(list(protocol, "on-cart", "agents"));
        boosters = Set.copyOf(list(protocol, "on-cart", "boosters"));
        sameAgent = list(protocol, "on-cart", "sameAgent").stream().map(g -> List.of(g.split("\\|"))).toList();
        minMonthsOnArt = whole(protocol, "cart-duration", "minMonths");
        minMonthsStable = whole(protocol, "regimen-stable", "minMonths");
        allowedMalignancies = Set.copyOf(list(protocol, "no-malignancy", "allowed"));
        neutrophilsMin = num(protocol, "neutrophils", "min");
        neutrophilsDays = whole(protocol, "neutrophils", "maxAgeDays");
        haemoglobinMin = num(protocol, "haemoglobin", "min");
        haemoglobinDays = whole(protocol, "haemoglobin", "maxAgeDays");
        plateletsMin = num(protocol, "platelets", "min");
        plateletsDays = whole(protocol, "platelets", "maxAgeDays");
        creatinineMaxTimesUln = num(protocol, "creatinine", "max");
        creatinineDays = whole(protocol, "creatinine", "maxAgeDays");
    }

    /** The verdict and, in the protocol's criteria order, each criterion's status. */
    public static final class Result {
        private final Verdict verdict;
        private final String[] ids;
        private final Status[] statuses;

        private Result(Verdict verdict, String[] ids, Status[] statuses) {
            this.verdict = verdict;
            this.ids = ids;
            this.statuses = statuses;
        }

        public Verdict verdict() {
            return verdict;
        }

        /** Criterion id to status, in the protocol's order. */
        public Map<String, Status> statuses() {
            Map<String, Status> m = new LinkedHashMap<>();
            for (int i = 0; i < ids.length; i++) {
                m.put(ids[i], statuses[i]);
            }
            return m;
        }

        @Override
        public String toString() {
            return verdict + " " + statuses();
        }
    }

    public Result check(Candidate c, LocalDate asOf) {
        Status[] decided = new Status[KNOWN.size()];
        decided[ADULT] = adult(c, asOf);

        // Most recent result per lab kind, drawn on or before the as-of date.
        LabResult[] latest = new LabResult[LabKind.values().length];
        for (LabResult r : c.labs()) {
            if (r.sampleDate().isAfter(asOf)) {
                continue;
            }
            int k = r.kind().ordinal();
            if (latest[k] == null || r.sampleDate().isAfter(latest[k].sampleDate())) {
                latest[k] = r;
            }
        }
        decided[CD4] = lab(c, latest, LabKind.CD4_COUNT, cd4Days, asOf);
        decided[HIV] = lab(c, latest, LabKind.HIV_RNA, rnaDays, asOf);
        decided[NEUTROPHILS] = lab(c, latest, LabKind.NEUTROPHILS, neutrophilsDays, asOf);
        decided[HAEMOGLOBIN] = lab(c, latest, LabKind.HAEMOGLOBIN, haemoglobinDays, asOf);
        decided[PLATELETS] = lab(c, latest, LabKind.PLATELETS, plateletsDays, asOf);
        decided[CREATININE] = lab(c, latest, LabKind.CREATININE, creatinineDays, asOf);

        ArtHistory art = c.art();
        decided[ON_CART] = onCart(art == null ? null : drugs.ingredientNames(art.currentDrugs()));
        decided[CART_DURATION] = atLeastMonths(art == null ? null : art.startDate(), asOf, minMonthsOnArt);
        decided[REGIMEN] = atLeastMonths(art == null ? null : art.lastRegimenChange(), asOf, minMonthsStable);

        decided[INTERLEUKIN] = notExcludedBy(c.priorInterleukinTherapy());
        decided[MALIGNANCY] = malignancy(c.malignancyHistory());
        decided[OI] = notExcludedBy(c.activeOpportunisticInfection());
        decided[PREGNANCY] = pregnancy(c.sex(), c.pregnant(), c.breastfeeding());

        Status[] statuses = new Status[ids.length];
        boolean notMet = false;
        boolean unknown = false;
        for (int i = 0; i < ids.length; i++) {
            Status s = decided[order[i]];
            statuses[i] = s;
            notMet |= s == Status.NOT_MET;
            unknown |= s == Status.UNKNOWN;
        }
        Verdict verdict = notMet ? Verdict.NOT_ELIGIBLE : unknown ? Verdict.INCOMPLETE : Verdict.ELIGIBLE;
        return new Result(verdict, ids, statuses);
    }

    // ------------------------------------------------------------------------------------- criteria

    private Status adult(Candidate c, LocalDate asOf) {
        Integer age = c.ageYears();
        if (age == null && c.birthDate() != null) {
            age = Period.between(c.birthDate(), asOf).getYears();
        }
        if (age == null) {
            return Status.UNKNOWN;
        }
        return age >= minAgeYears ? Status.MET : Status.NOT_MET;
    }

    /**
     * A lab criterion: UNKNOWN without a result, with a stale one (older than {@code maxAgeDays}) or with
     * results drawn the same day that disagree; otherwise the threshold decides.
     */
    private Status lab(Candidate c, LabResult[] latest, LabKind kind, int maxAgeDays, LocalDate asOf) {
        LabResult first = latest[kind.ordinal()];
        if (first == null) {
            return Status.UNKNOWN;
        }
        LocalDate day = first.sampleDate();
        if (ChronoUnit.DAYS.between(day, asOf) > maxAgeDays) {
            return Status.UNKNOWN;
        }
        BigDecimal value = canonical(first);
        Comparator comparator = comparatorOf(first);
        for (LabResult r : c.labs()) {
            if (r != first && r.kind() == kind && r.sampleDate().equals(day)
                    && !same(value, comparator, first.qualitative(), r)) {
                return Status.UNKNOWN; // conflicting results drawn the same day
            }
        }
        return switch (kind) {
            case CD4_COUNT -> value.compareTo(cd4Min) >= 0 && value.compareTo(cd4Max) <= 0 ? Status.MET : Status.NOT_MET;
            case HIV_RNA -> viralLoad(value, comparator, first.qualitative());
            case NEUTROPHILS -> value.compareTo(neutrophilsMin) >= 0 ? Status.MET : Status.NOT_MET;
            case HAEMOGLOBIN -> value.compareTo(haemoglobinMin) >= 0 ? Status.MET : Status.NOT_MET;
            case PLATELETS -> value.compareTo(plateletsMin) >= 0 ? Status.MET : Status.NOT_MET;
            case CREATININE -> value.compareTo(creatinineMaxTimesUln) <= 0 ? Status.MET : Status.NOT_MET;
            case CD4_PERCENT -> throw new IllegalStateException("no levy-2009 criterion reads " + kind);
        };
    }

    /**
     * Below {@code below} copies/mL: "target not detected" and an exact value below are MET; "&lt;X" with
     * X ≤ below and "≤X" with X &lt; below are MET; an exact value at or above, and "&gt;X"/"≥X" with X at or
     * above, are NOT_MET; any other censored value cannot decide (UNKNOWN).
     */
    private Status viralLoad(BigDecimal value, Comparator comparator, Qualitative qualitative) {
        if (qualitative == Qualitative.NOT_DETECTED) {
            return Status.MET;
        }
        int cmp = value.compareTo(rnaBelow);
        return switch (comparator) {
            case EQ -> cmp < 0 ? Status.MET : Status.NOT_MET;
            case LT -> cmp <= 0 ? Status.MET : Status.UNKNOWN;
            case LE -> cmp < 0 ? Status.MET : Status.UNKNOWN;
            case GT, GE -> cmp >= 0 ? Status.NOT_MET : Status.UNKNOWN;
        };
    }

    /**
     * At least {@code minActiveAgents} distinct active agents; boosters do not count; unknown names UNKNOWN. The
     * names are already the terminology's ingredient names (a combination stands for each of its ingredients).
     */
    private Status onCart(List<String> drugs) {
        if (drugs == null) {
            return Status.UNKNOWN;
        }
        List<String> active = new ArrayList<>(drugs.size());
        List<String> names = new ArrayList<>(drugs.size());
        for (String d : drugs) {
            String name = d.trim().toLowerCase(Locale.ROOT);
            names.add(name);
            if (agents.contains(name)) {
                String key = sameAgent.stream().filter(g -> g.contains(name)).map(g -> g.get(0)).findFirst().orElse(name);
                if (!active.contains(key)) {
                    active.add(key);
                }
            } else if (!boosters.contains(name)) {
                return Status.UNKNOWN;
            }
        }
        for (List<String> group : sameAgent) {
            if (names.stream().filter(group::contains).distinct().count() > 1) {
                return Status.UNKNOWN; // two forms of one agent: contradictory
            }
        }
        return active.size() >= minActiveAgents ? Status.MET : Status.NOT_MET;
    }

    /** Whole months from {@code since} to the as-of date; UNKNOWN when the date is missing or after it. */
    private static Status atLeastMonths(LocalDate since, LocalDate asOf, int minMonths) {
        if (since == null || since.isAfter(asOf)) {
            return Status.UNKNOWN;
        }
        return ChronoUnit.MONTHS.between(since, asOf) >= minMonths ? Status.MET : Status.NOT_MET;
    }

    /** An exclusion criterion on a yes/no fact: MET means "not excluded". */
    private static Status notExcludedBy(Boolean present) {
        if (present == null) {
            return Status.UNKNOWN;
        }
        return present ? Status.NOT_MET : Status.MET;
    }

    private Status malignancy(List<Malignancy> history) {
        if (history == null) {
            return Status.UNKNOWN;
        }
        for (Malignancy m : history) {
            if (!allowedMalignancies.contains(m.name().toLowerCase(Locale.ROOT))) {
                return Status.NOT_MET;
            }
        }
        return Status.MET;
    }

    /**
     * Pregnant or breast-feeding excludes; a man, or anyone known to be neither, is not excluded; anyone
     * else whose status is not known is UNKNOWN.
     */
    private static Status pregnancy(Sex sex, Boolean pregnant, Boolean breastfeeding) {
        if (Boolean.TRUE.equals(pregnant) || Boolean.TRUE.equals(breastfeeding)) {
            return Status.NOT_MET;
        }
        if (sex == Sex.MALE || (Boolean.FALSE.equals(pregnant) && Boolean.FALSE.equals(breastfeeding))) {
            return Status.MET;
        }
        return Status.UNKNOWN;
    }

    // ------------------------------------------------------------------------------------ lab values

    private static BigDecimal canonical(LabResult r) {
        return r.qualitative() != null ? null
                : LabUnits.toCanonical(r.kind(), r.value(), r.unit(), r.upperLimitOfNormal());
    }

    /** EQ when none is given; none at all for a qualitative result. */
    private static Comparator comparatorOf(LabResult r) {
        if (r.qualitative() != null) {
            return null;
        }
        return r.comparator() == null ? Comparator.EQ : r.comparator();
    }

    /** The same result as (value, comparator, qualitative), once converted to the canonical unit. */
    private static boolean same(BigDecimal value, Comparator comparator, Qualitative qualitative, LabResult r) {
        if (qualitative != r.qualitative() || comparator != comparatorOf(r)) {
            return false;
        }
        BigDecimal other = canonical(r);
        return value == null ? other == null : other != null && value.compareTo(other) == 0;
    }

    // ------------------------------------------------------------------------------------ parameters

    private static Parameter parameter(ProtocolDefinition protocol, String criterion, String name) {
        Parameter p = protocol.criterion(criterion).orElseThrow().parameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException("criterion " + criterion + " has no parameter " + name);
        }
        return p;
    }

    private static BigDecimal num(ProtocolDefinition protocol, String criterion, String name) {
        Parameter p = parameter(protocol, criterion, name);
        if (!p.isNumber()) {
            throw new IllegalArgumentException(criterion + "." + name + " is not a number");
        }
        return p.number();
    }

    private static int whole(ProtocolDefinition protocol, String criterion, String name) {
        return num(protocol, criterion, name).intValueExact();
    }

    private static List<String> list(ProtocolDefinition protocol, String criterion, String name) {
        Parameter p = parameter(protocol, criterion, name);
        if (p.isNumber()) {
            throw new IllegalArgumentException(criterion + "." + name + " is not a list");
        }
        return p.codes();
    }
}
