package org.il7cds.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.il7cds.engine.eligibility.ArtHistory;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.LabResult;
import org.il7cds.engine.eligibility.Malignancy;
import org.il7cds.engine.eligibility.Sex;
import org.il7cds.engine.labs.LabKind;

/**
 * Generates valid candidate snapshots (ones the engine accepts) from a seeded {@link Random}, with values
 * clustered on every levy-2009 threshold and window edge, in every accepted unit spelling: CD4 99/100/400/401,
 * HIV-1 RNA exact, censored, log10 and "not detected", ages 17/18, labs drawn 41/42/43 days back, missing
 * fields, same-day results that agree or conflict, results after the as-of date, drug lists with boosters,
 * duplicates and unknown names, malignancy lists, pregnancy and sex combinations.
 *
 * <p>Half the candidates start from an eligible snapshot with a few aspects perturbed, so ELIGIBLE and every
 * single-criterion failure are well represented; the other half perturb every aspect.
 */
public final class CandidateGenerator {

    /** A candidate and the date it is assessed as of. */
    public record Case(Candidate candidate, LocalDate asOf) {
    }

    private static final String[] CD4_PER_UL = {"cells/uL", "cells/µL", "cells/μL", "/uL", "{cells}/uL",
            "cells/mm3", "cells/mm³", "/mm3", "10*6/L", "cells / uL", " Cells/UL "};
    private static final String[] CD4_PER_NL = {"10*9/L", "10*3/uL", "10*3/µL"};
    private static final String[] CD4_CANONICAL = {"99", "100", "400", "401", "99.5", "100.0", "399.9", "400.5",
            "250", "0", "50", "1000"};
    private static final String[] RNA_COPIES = {"copies/mL", "{copies}/mL", "cp/mL", "1/mL", "Copies / mL"};
    private static final String[] RNA_LOG = {"log10 copies/mL", "log copies/mL", "{Log_copies}/mL", "log10", "LOG"};
    private static final String[] RNA_COPIES_VALUES = {"0", "19", "20", "49", "49.9", "50", "50.0", "51", "1000",
            "<20", "<40", "<49", "<50", "<50.0", "<51", "<75", "<400", "<=49", "<=49.9", "<=50", "<=51", "≤49",
            ">50", ">=50", "≥50", ">49", ">40", ">=49.9", ">1000", "=49", "=50"};
    private static final String[] RNA_LOG_VALUES = {"1.3", "1.69", "1.698", "1.699", "1.7", "1.70", "1.701", "1.71",
            "2.3", "0", "<1.3", "<1.69", "<1.7", "<1.71", "<=1.69", "<=1.7", ">1.7", ">1.69", ">=1.7", ">=1.6"};
    private static final String[] RNA_NOT_DETECTED = {"not detected", "target not detected", "TND", "undetectable"};
    private static final String[][] NEUTROPHILS = {{"1499", "cells/uL"}, {"1500", "cells/uL"}, {"1501", "/mm3"},
            {"1.499", "10*9/L"}, {"1.5", "10*9/L"}, {"1.50", "10*3/uL"}, {"2000", "cells/µL"}, {"800", "cells/uL"}};
    private static final String[][] HAEMOGLOBIN = {{"9.9", "g/dL"}, {"10", "g/dL"}, {"10.0", "g/dL"},
            {"13.5", "g/dL"}, {"99", "g/L"}, {"100", "g/L"}, {"99.9", "g/L"}, {"135", "G/L"}};
    private static final String[][] PLATELETS = {{"99", "10*9/L"}, {"100", "10*9/L"}, {"220", "10*9/L"},
            {"99.999", "10*3/uL"}, {"100", "10*3/mm3"}, {"99999", "cells/uL"}, {"100000", "/mm3"},
            {"150000", "cells/mm3"}, {"50", "10*9/L"}};
    /** value, unit, upper limit of normal. */
    private static final String[][] CREATININE = {{"1.49", "mg/dL", "1.0"}, {"1.5", "mg/dL", "1.0"},
            {"1.51", "mg/dL", "1.0"}, {"150", "umol/L", "100"}, {"151", "µmol/L", "100"}, {"0.9", "mg/dL", "1.2"},
            {"1.8", "mg/dL", "1.2"}, {"1.81", "mg/dL", "1.2"}, {"3", "mg/dL", "1.2"}, {"2", "mg/dL", "3"}};
    private static final String[] AGENTS = {"abacavir", "emtricitabine", "lamivudine", "tenofovir",
            "tenofovir disoproxil", "tenofovir alafenamide", "zidovudine", "doravirine", "efavirenz", "rilpivirine",
            "atazanavir", "darunavir", "lopinavir", "bictegravir", "cabotegravir", "dolutegravir", "raltegravir",
            "maraviroc", "lenacapavir", "Dolutegravir", " LAMIVUDINE ", "Tenofovir Alafenamide"};
    private static final String[] BOOSTERS = {"ritonavir", "cobicistat", "Ritonavir", " COBICISTAT"};
    private static final String[] UNKNOWN_DRUGS = {"Triumeq", "biktarvy", "tenofovir disoproxil fumarate", "TDF",
            "3TC", "interferon", "entecavir"};
    private static final int[] LAB_DAYS = {0, 1, 7, 20, 41, 42, 43, 44, 60, 400};

    private final Random random;
    private final LocalDate today;
    private int serial;

    /** @param today the engine clock's today: nothing generated is dated after it */
    public CandidateGenerator(long seed, LocalDate today) {
        this.random = new Random(seed);
        this.today = today;
    }

    public List<Case> cases(int n) {
        List<Case> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    public Case next() {
        LocalDate asOf = chance(0.75) ? today : today.minusDays(1 + random.nextInt(60));
        double p = chance(0.5) ? 0.15 : 0.6; // how likely each aspect is perturbed
        String id = "GEN-" + (++serial);

        // ----- age
        LocalDate birthDate = asOf.minusYears(40);
        Integer ageYears = null;
        if (chance(p)) {
            switch (random.nextInt(7)) {
                case 0 -> birthDate = asOf.minusYears(18); // 18th birthday today
                case 1 -> birthDate = asOf.minusYears(18).plusDays(1); // 17 until tomorrow
                case 2 -> birthDate = asOf.minusYears(18).minusDays(1);
                case 3 -> birthDate = asOf.minusYears(17 + random.nextInt(3)).minusDays(random.nextInt(366));
                case 4 -> {
                    birthDate = null;
                    ageYears = pick(new Integer[] {17, 18, 19, 0, 65});
                }
                case 5 -> birthDate = null; // age unknown
                default -> {
                    birthDate = LocalDate.of(2008, 2, 29).plusYears(random.nextInt(3)); // leap-day births
                    if (birthDate.isAfter(asOf)) {
                        birthDate = asOf.minusYears(18);
                    }
                    if (chance(0.5)) {
                        ageYears = java.time.Period.between(birthDate, asOf).getYears(); // both, consistent
                    }
                }
            }
        }

        // ----- sex and pregnancy
        Sex sex = Sex.MALE;
        Boolean pregnant = false;
        Boolean breastfeeding = false;
        if (chance(p)) {
            sex = chance(0.15) ? null : pick(Sex.values());
            pregnant = pickBoolean();
            breastfeeding = pickBoolean();
            if (sex == Sex.MALE && Boolean.TRUE.equals(pregnant)) {
                pregnant = chance(0.5) ? null : Boolean.FALSE;
            }
        }

        // ----- labs
        List<LabResult> labs = new ArrayList<>();
        for (LabKind kind : LabKind.values()) {
            boolean perturb = chance(p);
            if (kind == LabKind.CD4_PERCENT && chance(0.7)) {
                continue;
            }
            if (perturb && chance(0.2)) {
                continue; // missing
            }
            LocalDate drawn = asOf.minusDays(perturb ? pick(LAB_DAYS) : 7);
            labs.add(result(kind, drawn, perturb));
            if (perturb && chance(0.35)) { // a second result the same day: same value, other unit, or conflicting
                labs.add(chance(0.4) ? sameInOtherSpelling(labs.get(labs.size() - 1)) : result(kind, drawn, true));
            }
            if (perturb && chance(0.3)) { // an older result, which must never decide
                labs.add(result(kind, drawn.minusDays(1 + random.nextInt(30)), true));
            }
            if (perturb && chance(0.3) && asOf.isBefore(today)) { // drawn after the as-of date: not used
                LocalDate later = asOf.plusDays(1 + random.nextInt((int) (today.toEpochDay() - asOf.toEpochDay())));
                labs.add(result(kind, later, true));
            }
        }
        if (chance(0.5)) {
            java.util.Collections.shuffle(labs, random);
        }

        // ----- antiretroviral therapy
        ArtHistory art = new ArtHistory(asOf.minusYears(3), asOf.minusYears(1),
                List.of("dolutegravir", "lamivudine", "abacavir"));
        if (chance(p)) {
            art = chance(0.1) ? null : art(asOf);
        }

        // ----- history
        Boolean priorInterleukin = chance(p) ? pickBoolean() : Boolean.FALSE;
        List<Malignancy> malignancies = List.of();
        if (chance(p)) {
            if (chance(0.25)) {
                malignancies = null;
            } else {
                List<Malignancy> m = new ArrayList<>();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    m.add(pick(Malignancy.values()));
                }
                malignancies = m;
            }
        }
        Boolean activeOi = chance(p) ? pickBoolean() : Boolean.FALSE;

        return new Case(new Candidate(id, birthDate, ageYears, sex, pregnant, breastfeeding, labs, art,
                priorInterleukin, malignancies, activeOi), asOf);
    }

    private ArtHistory art(LocalDate asOf) {
        LocalDate start = switch (random.nextInt(7)) {
            case 0 -> asOf.minusMonths(12);
            case 1 -> asOf.minusMonths(12).plusDays(1);
            case 2 -> asOf.minusMonths(11);
            case 3 -> asOf.minusMonths(12).minusDays(1);
            case 4 -> null;
            case 5 -> asOf.isBefore(today) ? asOf.plusDays(1) : asOf; // after the as-of date, or today
            default -> asOf.minusYears(1 + random.nextInt(10)).minusDays(random.nextInt(365));
        };
        LocalDate change = switch (random.nextInt(7)) {
            case 0 -> start;
            case 1 -> asOf.minusMonths(3);
            case 2 -> asOf.minusMonths(3).plusDays(1);
            case 3 -> asOf.minusMonths(2);
            case 4 -> null;
            case 5 -> asOf.minusMonths(3).minusDays(1);
            default -> asOf.minusDays(random.nextInt(400));
        };
        if (change != null && start != null && change.isBefore(start)) {
            change = chance(0.5) ? start : null;
        }
        if (change != null && change.isAfter(today)) {
            change = today;
        }
        return new ArtHistory(start, change, drugs());
    }

    private List<String> drugs() {
        if (chance(0.08)) {
            return null;
        }
        List<String> drugs = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            double r = random.nextDouble();
            drugs.add(r < 0.7 ? pick(AGENTS) : r < 0.9 ? pick(BOOSTERS) : pick(UNKNOWN_DRUGS));
        }
        if (chance(0.1) && !drugs.isEmpty()) {
            drugs.add(drugs.get(0)); // a duplicate counts once
        }
        return drugs;
    }

    private LabResult result(LabKind kind, LocalDate drawn, boolean perturb) {
        return switch (kind) {
            case CD4_COUNT -> {
                String canonical = perturb ? pick(CD4_CANONICAL) : "250";
                if (chance(0.35)) {
                    String scaled = new BigDecimal(canonical).movePointLeft(3).toPlainString();
                    yield LabResult.of(kind, scaled, pick(CD4_PER_NL), drawn);
                }
                yield LabResult.of(kind, canonical, perturb ? pick(CD4_PER_UL) : "cells/uL", drawn);
            }
            case CD4_PERCENT -> LabResult.of(kind, String.valueOf(random.nextInt(60)), "%", drawn);
            case HIV_RNA -> {
                if (!perturb) {
                    yield LabResult.parse(kind, "<20", "copies/mL", drawn);
                }
                double r = random.nextDouble();
                if (r < 0.1) {
                    yield LabResult.parse(kind, pick(RNA_NOT_DETECTED), pick(RNA_COPIES), drawn);
                }
                if (r < 0.4) {
                    yield LabResult.parse(kind, pick(RNA_LOG_VALUES), pick(RNA_LOG), drawn);
                }
                yield LabResult.parse(kind, pick(RNA_COPIES_VALUES), pick(RNA_COPIES), drawn);
            }
            case NEUTROPHILS -> simple(kind, perturb ? pick(NEUTROPHILS) : NEUTROPHILS[6], drawn);
            case HAEMOGLOBIN -> simple(kind, perturb ? pick(HAEMOGLOBIN) : HAEMOGLOBIN[3], drawn);
            case PLATELETS -> simple(kind, perturb ? pick(PLATELETS) : PLATELETS[2], drawn);
            case CREATININE -> {
                String[] v = perturb ? pick(CREATININE) : CREATININE[5];
                yield LabResult.of(kind, v[0], v[1], drawn).withUpperLimitOfNormal(new BigDecimal(v[2]));
            }
        };
    }

    /** The same result written differently: trailing zeros, another spelling or another scale of unit. */
    private LabResult sameInOtherSpelling(LabResult r) {
        if (r.qualitative() != null) {
            return new LabResult(r.kind(), null, null, r.qualitative(), pick(RNA_COPIES), r.sampleDate(), null);
        }
        BigDecimal value = r.value();
        String unit = r.unit();
        if (r.kind() == LabKind.CD4_COUNT || r.kind() == LabKind.NEUTROPHILS) {
            boolean perNl = r.unit().contains("10*9") || r.unit().contains("10*3");
            value = perNl ? value.movePointRight(3) : value.movePointLeft(3);
            unit = perNl ? "cells/uL" : "10*9/L";
        } else if (r.kind() == LabKind.HAEMOGLOBIN) {
            boolean gPerL = r.unit().trim().equalsIgnoreCase("g/L");
            value = gPerL ? value.movePointLeft(1) : value.movePointRight(1);
            unit = gPerL ? "g/dL" : "g/L";
        } else {
            value = value.setScale(value.scale() + 1); // 1.5 -> 1.50: the same number
        }
        return new LabResult(r.kind(), value, r.comparator(), null, unit, r.sampleDate(), r.upperLimitOfNormal());
    }

    private LabResult simple(LabKind kind, String[] valueAndUnit, LocalDate drawn) {
        return LabResult.of(kind, valueAndUnit[0], valueAndUnit[1], drawn);
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private Boolean pickBoolean() {
        int r = random.nextInt(3);
        return r == 0 ? null : r == 1;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }
}
