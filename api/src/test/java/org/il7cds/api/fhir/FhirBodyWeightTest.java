package org.il7cds.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.il7cds.api.fhir.BodyWeights.bodyWeight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link FhirBodyWeight}: units, the latest weight on or before the as-of date, conflicts and absence. */
class FhirBodyWeightTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);

    @ParameterizedTest(name = "{0} {1} = {2} kg")
    @CsvSource(textBlock = """
        70.5,    kg,      70.5
        70500,   g,       70.5
        155.4,   [lb_av], 70.488254298
        """)
    void convertsUcumUnitsToKilogramsExactly(String value, String ucum, String kg) {
        FhirBodyWeight.Reading r = FhirBodyWeight.latest(List.of(bodyWeight("w", "p", value, ucum, AS_OF)), AS_OF);
        assertThat(r.found()).isTrue();
        assertThat(r.weight().weightKg()).isEqualByComparingTo(new BigDecimal(kg));
        assertThat(r.weight().measuredOn()).isEqualTo(AS_OF);
        assertThat(r.weight().observation()).isEqualTo("Observation/w");
    }

    @Test
    void takesTheMostRecentOnOrBeforeTheAsOfDateAndIgnoresLaterOnes() {
        FhirBodyWeight.Reading r = FhirBodyWeight.latest(List.of(
                bodyWeight("old", "p", "68", "kg", AS_OF.minusDays(40)),
                bodyWeight("recent", "p", "70", "kg", AS_OF.minusDays(3)),
                bodyWeight("later", "p", "90", "kg", AS_OF.plusDays(1))), AS_OF);
        assertThat(r.weight().observation()).isEqualTo("Observation/recent");
        assertThat(r.weight().weightKg()).isEqualByComparingTo("70");
    }

    @Test
    void twoWeightsOfTheSameDayThatDisagreeAreAConflictNotAChoice() {
        FhirBodyWeight.Reading r = FhirBodyWeight.latest(List.of(
                bodyWeight("a", "p", "70", "kg", AS_OF.minusDays(1)),
                bodyWeight("b", "p", "77", "kg", AS_OF.minusDays(1))), AS_OF);
        assertThat(r.found()).isFalse();
        assertThat(r.missing()).contains("disagree").contains("Observation/a").contains("Observation/b")
                .doesNotContain("77");
    }

    @Test
    void theSameWeightInTwoUnitsOnOneDayIsNoConflict() {
        FhirBodyWeight.Reading r = FhirBodyWeight.latest(List.of(
                bodyWeight("a", "p", "70", "kg", AS_OF), bodyWeight("b", "p", "70000", "g", AS_OF)), AS_OF);
        assertThat(r.weight().weightKg()).isEqualByComparingTo("70");
    }

    @Test
    void noWeightSaysWhatToSendAndCountsTheOnesAfterTheAsOfDate() {
        FhirBodyWeight.Reading none = FhirBodyWeight.latest(List.of(), AS_OF);
        assertThat(none.found()).isFalse();
        assertThat(none.missing()).contains("29463-7").contains("kg, g or [lb_av]").contains(AS_OF.toString());
        FhirBodyWeight.Reading later = FhirBodyWeight.latest(List.of(bodyWeight("l", "p", "70", "kg",
                AS_OF.plusDays(2))), AS_OF);
        assertThat(later.missing()).contains("1 measured after it");
    }

    @Test
    void aPreliminaryOrOtherCodedObservationIsNotABodyWeight() {
        Observation prelim = bodyWeight("x", "p", "70", "kg", AS_OF);
        prelim.setStatus(Observation.ObservationStatus.PRELIMINARY);
        Observation height = bodyWeight("h", "p", "170", "cm", AS_OF);
        height.getCode().getCodingFirstRep().setCode("8302-2");
        assertThat(FhirBodyWeight.latest(List.of(prelim, height), AS_OF).found()).isFalse();
    }

    @Test
    void anUnknownUnitAComparatorOrNoDateIsRefusedNamingTheResource() {
        assertThatThrownBy(() -> FhirBodyWeight.latest(List.of(bodyWeight("st", "p", "11", "[stone_av]", AS_OF)),
                AS_OF)).isInstanceOf(FhirInputException.class).hasMessageContaining("Observation/st")
                .hasMessageContaining("kg, g or [lb_av]");
        Observation censored = bodyWeight("c", "p", "150", "kg", AS_OF);
        ((Quantity) censored.getValue()).setComparator(Quantity.QuantityComparator.GREATER_THAN);
        assertThatThrownBy(() -> FhirBodyWeight.latest(List.of(censored), AS_OF))
                .isInstanceOf(FhirInputException.class).hasMessageContaining("comparator");
        Observation undated = bodyWeight("u", "p", "70", "kg", AS_OF);
        undated.setEffective(null);
        assertThatThrownBy(() -> FhirBodyWeight.latest(List.of(undated), AS_OF))
                .isInstanceOf(FhirInputException.class).hasMessageContaining("effectiveDateTime");
    }
}
