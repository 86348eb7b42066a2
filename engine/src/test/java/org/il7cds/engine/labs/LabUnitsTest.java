package org.il7cds.engine.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabUnitsTest {

    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
        KIND,        VALUE,  UNIT,             CANONICAL
        CD4_COUNT,   350,    cells/uL,         350
        CD4_COUNT,   350,    cells/µL,         350
        CD4_COUNT,   350,    CELLS / MM3,      350
        CD4_COUNT,   0.35,   10*9/L,           350
        CD4_COUNT,   0.35,   10*3/uL,          350
        HIV_RNA,     49,     copies/mL,        49
        HIV_RNA,     1.3,    log10 copies/mL,  20
        HIV_RNA,     1.7,    {Log_copies}/mL,  50
        HIV_RNA,     2,      log10,            100
        PLATELETS,   150000, cells/uL,         150
        HAEMOGLOBIN, 125,    g/L,              12.5
        CD4_PERCENT, 14,     %,                14
        """)
    void convertsToTheCanonicalUnit(LabKind kind, String value, String unit, String canonical) {
        assertThat(LabUnits.toCanonical(kind, new BigDecimal(value), unit, null))
                .isEqualByComparingTo(new BigDecimal(canonical));
    }

    @ParameterizedTest(name = "{0} in {1} is refused")
    @CsvSource({"CD4_COUNT, %", "CD4_COUNT, cells/dL", "HIV_RNA, IU/mL", "HIV_RNA, cells/uL", "HAEMOGLOBIN, mmol/L",
        "CD4_PERCENT, cells/uL", "CREATININE, mmol/L"})
    void refusesUnknownUnits(LabKind kind, String unit) {
        assertThatThrownBy(() -> LabUnits.toCanonical(kind, BigDecimal.ONE, unit, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(unit);
    }

    @ParameterizedTest(name = "implausible {0} {1} {2}")
    @CsvSource({"HIV_RNA, 11, log10", "CD4_PERCENT, 101, %", "HAEMOGLOBIN, 95, g/dL", "HAEMOGLOBIN, 1, g/dL",
        "PLATELETS, 90000, 10*9/L", "NEUTROPHILS, 1500000, cells/uL", "CD4_COUNT, 6000, cells/uL"})
    void refusesImplausibleValues(LabKind kind, String value, String unit) {
        assertThatThrownBy(() -> LabUnits.toCanonical(kind, new BigDecimal(value), unit, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "creatinine ULN {0} {1} is refused")
    @CsvSource({"106, mg/dL", "0.9, umol/L", "0, mg/dL"})
    void refusesAnUpperLimitOfNormalThatIsNotInTheResultsUnit(String uln, String unit) {
        assertThatThrownBy(() -> LabUnits.toCanonical(LabKind.CREATININE, new BigDecimal("1.0"), unit, new BigDecimal(uln)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upper limit of normal");
    }

    // Plausibility limits (input sanity, declared in the README): at each limit accepted, just past it refused.
    @ParameterizedTest(name = "{0} {1} {2}: accepted={3}")
    @CsvSource({"CD4_COUNT, 5000, cells/uL, true", "CD4_COUNT, 5001, cells/uL, false",
        "HAEMOGLOBIN, 2, g/dL, true", "HAEMOGLOBIN, 1.99, g/dL, false", "HAEMOGLOBIN, 25, g/dL, true",
        "HAEMOGLOBIN, 25.01, g/dL, false", "PLATELETS, 2000, 10*9/L, true", "PLATELETS, 2001, 10*9/L, false",
        "NEUTROPHILS, 100000, cells/uL, true", "NEUTROPHILS, 100001, cells/uL, false",
        "HIV_RNA, 100000000, copies/mL, true", "HIV_RNA, 100000001, copies/mL, false"})
    void plausibilityLimitsAreInclusive(LabKind kind, String value, String unit, boolean accepted) {
        if (accepted) {
            assertThat(LabUnits.toCanonical(kind, new BigDecimal(value), unit, null)).isNotNull();
        } else {
            assertThatThrownBy(() -> LabUnits.toCanonical(kind, new BigDecimal(value), unit, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not plausible");
        }
    }

    @ParameterizedTest(name = "creatinine ULN {0} {1}: accepted={2}")
    @CsvSource({"0.3, mg/dL, true", "0.29, mg/dL, false", "3, mg/dL, true", "3.01, mg/dL, false",
        "25, umol/L, true", "24.9, umol/L, false", "270, umol/L, true", "270.1, umol/L, false"})
    void creatinineUpperLimitOfNormalLimitsAreInclusive(String uln, String unit, boolean accepted) {
        BigDecimal value = new BigDecimal(unit.equals("mg/dL") ? "1.0" : "80"); // a normal result in that unit
        if (accepted) {
            assertThat(LabUnits.toCanonical(LabKind.CREATININE, value, unit, new BigDecimal(uln))).isNotNull();
        } else {
            assertThatThrownBy(() -> LabUnits.toCanonical(LabKind.CREATININE, value, unit,
                    new BigDecimal(uln))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("upper limit of normal");
        }
    }

    /** The one-pass spelling matches the regular-expression definition it replaced, on 20,000 seeded strings. */
    @Test
    void canonicalSpellingAgreesWithItsRegularExpressionDefinition() {
        String[] pieces = {" ", "\t", "\n", "\u000b", "/", "m", "M", "³", "µ", "μ", "U", "l", "c", "ells", "10*9",
            "{", "}", "%", "\u0001", "  /  "};
        for (String unit : org.il7cds.engine.fixtures.SeededStrings.of(pieces, 20261127L, 20_000)) {
            String expected = unit.trim().toLowerCase(java.util.Locale.ROOT).replace('µ', 'u').replace('μ', 'u')
                    .replace("mm³", "mm3").replaceAll("\\s*/\\s*", "/").replaceAll("\\s+", " ");
            assertThat(LabUnits.canonicalSpelling(unit)).as("unit %s", unit.codePoints()
                    .mapToObj(Integer::toHexString).toList()).isEqualTo(expected);
        }
    }
}
