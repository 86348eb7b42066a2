package org.il7cds.engine.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every levy-2009 threshold just below, at and just above, in every accepted unit. */
class ThresholdBoundaryTest {

    private static final LocalDate AS_OF = Engines.TODAY;
    private final EligibilityEngine engine = Engines.eligibility();

    private Status status(Candidates candidate, String criterion) {
        Assessment a = engine.assess(candidate.build(), AS_OF);
        return a.criteria().stream().filter(c -> c.criterionId().equals(criterion)).findFirst().orElseThrow()
                .status();
    }

    // Source: Lévy 2009 abstract, CD4+ 100–400 cells/µl inclusive; cells/mm3 = cells/uL; 10*9/L x 1000.
    @ParameterizedTest(name = "CD4 {0} {1} -> {2}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        VALUE,  UNIT,      STATUS
        99,     cells/uL,  NOT_MET
        100,    cells/uL,  MET
        400,    cells/uL,  MET
        401,    cells/uL,  NOT_MET
        99,     cells/mm3, NOT_MET
        100,    cells/mm3, MET
        400,    cells/mm3, MET
        401,    cells/mm3, NOT_MET
        0.099,  10*9/L,    NOT_MET
        0.100,  10*9/L,    MET
        0.400,  10*9/L,    MET
        0.401,  10*9/L,    NOT_MET
        99.5,   cells/µL,  NOT_MET
        400.5,  /uL,       NOT_MET
        0.401,  10*3/uL,   NOT_MET
        0.25,   10*3/uL,   MET
        """)
    void cd4CountRangeIsInclusiveInEveryUnit(String value, String unit, Status expected) {
        assertThat(status(Candidates.eligible(AS_OF).lab(LabKind.CD4_COUNT, value, unit), "cd4-count"))
                .isEqualTo(expected);
    }

    // Source: Lévy 2009 abstract, HIV RNA < 50 copies/ml; censored forms per clinical reference §3.3.
    @ParameterizedTest(name = "HIV-1 RNA {0} {1} -> {2}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        REPORTED,            UNIT,             STATUS
        49,                  copies/mL,        MET
        49.9,                copies/mL,        MET
        50,                  copies/mL,        NOT_MET
        51,                  copies/mL,        NOT_MET
        <20,                 copies/mL,        MET
        <40,                 {copies}/mL,      MET
        <50,                 copies/mL,        MET
        <=49,                copies/mL,        MET
        <=50,                copies/mL,        UNKNOWN
        <51,                 copies/mL,        UNKNOWN
        <75,                 copies/mL,        UNKNOWN
        <400,                copies/mL,        UNKNOWN
        >50,                 copies/mL,        NOT_MET
        >=50,                copies/mL,        NOT_MET
        >40,                 copies/mL,        UNKNOWN
        not detected,        copies/mL,        MET
        target not detected, copies/mL,        MET
        TND,                 copies/mL,        MET
        1.69,                log10 copies/mL,  MET
        1.70,                log10 copies/mL,  NOT_MET
        <1.3,                log10 copies/mL,  MET
        <1.7,                log10 copies/mL,  MET
        <1.71,               log10 copies/mL,  UNKNOWN
        2.3,                 {Log_copies}/mL,  NOT_MET
        """)
    void viralLoadBelowFiftyDecidesOnlyWhenItCan(String reported, String unit, Status expected) {
        assertThat(status(Candidates.eligible(AS_OF).lab(LabKind.HIV_RNA, reported, unit), "hiv-rna-suppressed"))
                .isEqualTo(expected);
    }

    // Source: INSPIRE 3 criterion 2, age ≥18 (assumption for Lévy).
    @ParameterizedTest(name = "born {0} -> {1}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        BIRTH_DATE,  STATUS
        2008-11-27,  NOT_MET
        2008-11-26,  MET
        2008-11-25,  MET
        """)
    void adultMeansEighteenOnTheAsOfDate(LocalDate birthDate, Status expected) {
        assertThat(status(Candidates.eligible(AS_OF).birthDate(birthDate), "adult")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "age {0} -> {1}")
    @CsvSource({"17, NOT_MET", "18, MET", "19, MET"})
    void ageInYearsWithoutBirthDate(int age, Status expected) {
        assertThat(status(Candidates.eligible(AS_OF).ageYears(age), "adult")).isEqualTo(expected);
    }

    // Source: A5214 labs drawn within 42 days (assumption); each lab's window edge.
    @ParameterizedTest(name = "{0} drawn {1} days before -> {2}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        KIND,        VALUE, UNIT,      DAYS, CRITERION,          STATUS
        CD4_COUNT,   250,   cells/uL,  0,    cd4-count,          MET
        CD4_COUNT,   250,   cells/uL,  42,   cd4-count,          MET
        CD4_COUNT,   250,   cells/uL,  43,   cd4-count,          UNKNOWN
        HIV_RNA,     <20,   copies/mL, 42,   hiv-rna-suppressed, MET
        HIV_RNA,     <20,   copies/mL, 43,   hiv-rna-suppressed, UNKNOWN
        NEUTROPHILS, 2000,  cells/uL,  42,   neutrophils,        MET
        NEUTROPHILS, 2000,  cells/uL,  43,   neutrophils,        UNKNOWN
        HAEMOGLOBIN, 12,    g/dL,      42,   haemoglobin,        MET
        HAEMOGLOBIN, 12,    g/dL,      43,   haemoglobin,        UNKNOWN
        PLATELETS,   200,   10*9/L,    42,   platelets,          MET
        PLATELETS,   200,   10*9/L,    43,   platelets,          UNKNOWN
        """)
    void labsMustBeRecent(LabKind kind, String value, String unit, int days, String criterion, Status expected) {
        assertThat(status(Candidates.eligible(AS_OF).lab(kind, value, unit, AS_OF.minusDays(days)), criterion))
                .isEqualTo(expected);
    }

    // Source: ACTG A5214 safety labs (assumptions): ANC ≥1500, Hb ≥10.0, platelets ≥100, creatinine ≤1.5 x ULN.
    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        KIND,        VALUE,  UNIT,     CRITERION,   STATUS
        NEUTROPHILS, 1499,   cells/uL, neutrophils, NOT_MET
        NEUTROPHILS, 1500,   cells/uL, neutrophils, MET
        NEUTROPHILS, 1501,   cells/uL, neutrophils, MET
        NEUTROPHILS, 1.499,  10*9/L,   neutrophils, NOT_MET
        NEUTROPHILS, 1.5,    10*9/L,   neutrophils, MET
        HAEMOGLOBIN, 9.9,    g/dL,     haemoglobin, NOT_MET
        HAEMOGLOBIN, 10.0,   g/dL,     haemoglobin, MET
        HAEMOGLOBIN, 99,     g/L,      haemoglobin, NOT_MET
        HAEMOGLOBIN, 100,    g/L,      haemoglobin, MET
        PLATELETS,   99,     10*9/L,   platelets,   NOT_MET
        PLATELETS,   100,    10*9/L,   platelets,   MET
        PLATELETS,   99999,  cells/uL, platelets,   NOT_MET
        PLATELETS,   100000, /mm3,     platelets,   MET
        """)
    void safetyLabs(LabKind kind, String value, String unit, String criterion, Status expected) {
        assertThat(status(Candidates.eligible(AS_OF).lab(kind, value, unit), criterion)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "creatinine {0} {1}, ULN {2} -> {3}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        VALUE, UNIT,   ULN,  STATUS
        1.49,  mg/dL,  1.0,  MET
        1.5,   mg/dL,  1.0,  MET
        1.51,  mg/dL,  1.0,  NOT_MET
        150,   umol/L, 100,  MET
        151,   µmol/L, 100,  NOT_MET
        """)
    void creatinineAsMultipleOfTheUpperLimitOfNormal(String value, String unit, String uln, Status expected) {
        LabResult r = LabResult.of(LabKind.CREATININE, value, unit, AS_OF.minusDays(7))
                .withUpperLimitOfNormal(new java.math.BigDecimal(uln));
        assertThat(status(Candidates.eligible(AS_OF).lab(r), "creatinine")).isEqualTo(expected);
    }

    // Source: A5214/INSPIRE c-ART ≥12 months and stable ≥3 months (assumptions).
    @ParameterizedTest(name = "c-ART started {0} -> {1}")
    @CsvSource({"2025-11-27, NOT_MET", "2025-11-26, MET", "2025-11-25, MET"})
    void cartDurationTwelveMonths(LocalDate start, Status expected) {
        assertThat(status(Candidates.eligible(AS_OF).art(new ArtHistory(start, start,
                java.util.List.of("bictegravir", "emtricitabine", "tenofovir alafenamide"))), "cart-duration"))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "last change {0} -> {1}")
    @CsvSource({"2026-08-27, NOT_MET", "2026-08-26, MET", "2026-08-25, MET"})
    void regimenStableThreeMonths(LocalDate change, Status expected) {
        assertThat(status(Candidates.eligible(AS_OF).art(new ArtHistory(LocalDate.of(2020, 1, 1), change,
                java.util.List.of("bictegravir", "emtricitabine", "tenofovir alafenamide"))), "regimen-stable"))
                .isEqualTo(expected);
    }
}
