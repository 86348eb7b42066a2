package org.il7cds.engine.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.dosing.OrderReview.Aspect;
import org.il7cds.engine.dosing.OrderReview.Mismatch;
import org.il7cds.engine.dosing.OrderReview.Status;
import org.il7cds.engine.fixtures.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for {@link DoseOrderCheck}: a draft order against the packaged protocols' dosing rules (levy-2009 unless
 * named: 3 or 10 µg/kg, 8 SC injections 3 a week over 16 days, doses rounded half-up to 1 µg, weight at most 30 days
 * old).
 */
class DoseOrderCheckTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final LocalDate WEIGHED = MONDAY.minusDays(3);
    private static final List<LocalDate> LEVY_DATES = List.of(MONDAY, MONDAY.plusDays(2), MONDAY.plusDays(4),
            MONDAY.plusDays(7), MONDAY.plusDays(9), MONDAY.plusDays(11), MONDAY.plusDays(14), MONDAY.plusDays(16));

    private final DoseOrderCheck check = new DoseOrderCheck(Engines::packagedRules);

    private static DraftOrder levy(String dose, DoseUnit unit) {
        return new DraftOrder(new BigDecimal(dose), unit, "SC", 3, BigDecimal.ONE, "wk", 8, List.of(), MONDAY);
    }

    private OrderReview levy(DraftOrder order, String weightKg) {
        return check.check("levy-2009", order, weightKg == null ? null : new BigDecimal(weightKg),
                weightKg == null ? null : WEIGHED, Engines.TODAY);
    }

    private static Mismatch only(OrderReview r, Aspect aspect) {
        assertThat(r.mismatches()).extracting(Mismatch::aspect).containsExactly(aspect);
        return r.mismatches().get(0);
    }

    @Test
    void anOrderOfTheProtocolsDoseAndScheduleMatchesAndTheCorrectedOrderIsTheCalendars() {
        OrderReview r = levy(levy("700", DoseUnit.UG), "70");
        assertThat(r.status()).isEqualTo(Status.MATCHES);
        assertThat(r.mismatches()).isEmpty();
        assertThat(r.missing()).isEmpty();
        assertThat(r.corrected().doseUg()).isEqualByComparingTo("700");
        assertThat(r.corrected().doseLevelUgPerKg()).isEqualByComparingTo("10");
        assertThat(r.corrected().doseDates()).isEqualTo(LEVY_DATES);
        assertThat(r.corrected()).extracting(OrderReview.CorrectedOrder::route, OrderReview.CorrectedOrder::numberOfDoses,
                OrderReview.CorrectedOrder::frequency, OrderReview.CorrectedOrder::periodUnit)
                .containsExactly("SC", 8, 3, "wk");
        assertThat(r.doseRounding()).contains("half-up").contains("1 µg");
        assertThat(r.rulesHash()).isEqualTo(Engines.packagedRules().contentHash());
    }

    @Test
    void theSameDoseInMilligramsOrPerKilogramMatchesToo() {
        assertThat(levy(levy("0.7", DoseUnit.MG), "70").status()).isEqualTo(Status.MATCHES);
        assertThat(levy(levy("10", DoseUnit.UG_PER_KG), "70").status()).isEqualTo(Status.MATCHES);
        assertThat(levy(levy("3", DoseUnit.UG_PER_KG), "70").corrected().doseUg()).isEqualByComparingTo("210");
    }

    @Test
    void aDosePerKilogramThatIsNoProtocolLevelIsFlaggedByTheDoseLevelRuleAndCorrectedToTheNearestLevel() {
        OrderReview r = levy(levy("5", DoseUnit.UG_PER_KG), "70");
        assertThat(r.status()).isEqualTo(Status.MISMATCH);
        Mismatch m = only(r, Aspect.DOSE_LEVEL);
        assertThat(m.ordered()).isEqualTo("5 µg/kg");
        assertThat(m.prescribed()).isEqualTo("3, 10 µg/kg");
        assertThat(m.rule()).isEqualTo("Dose level: not one of the protocol's levels");
        assertThat(m.source()).contains("Lévy 2009");
        assertThat(r.corrected().doseLevelUgPerKg()).isEqualByComparingTo("3");
        assertThat(r.corrected().doseUg()).isEqualByComparingTo("210");
    }

    @Test
    void aTotalInTheWrongUnitIsATotalDoseMismatchNamingTheDoseRule() {
        OrderReview r = levy(levy("7", DoseUnit.MG), "70"); // 7 mg = 7000 µg: 100 µg/kg, ten times the dose
        Mismatch m = only(r, Aspect.DOSE_TOTAL);
        assertThat(m.ordered()).isEqualTo("7000 µg (100 µg/kg)");
        assertThat(m.prescribed()).startsWith("700 µg = 70 kg × 10 µg/kg");
        assertThat(m.rule()).isEqualTo("Dose per injection: weight × dose level, with the declared rounding");
        assertThat(m.source()).contains("3 or 10 µg/kg");
        assertThat(r.corrected().doseUg()).isEqualByComparingTo("700");
    }

    /** 70.45 kg × 10 µg/kg = 704.5 µg, which the protocol rounds half-up to 705 µg: a total rounding to it matches. */
    @ParameterizedTest(name = "{0} µg for 70.45 kg at 10 µg/kg: {1}")
    @CsvSource(textBlock = """
        704.49, MISMATCH
        704.5,  MATCHES
        705,    MATCHES
        705.49, MATCHES
        705.5,  MISMATCH
        """)
    void aTotalMatchesWhenItRoundsAsDeclaredToTheRulesDose(String doseUg, Status expected) {
        OrderReview r = levy(levy(doseUg, DoseUnit.UG), "70.45");
        assertThat(r.status()).isEqualTo(expected);
        assertThat(r.corrected().doseUg()).isEqualByComparingTo("705");
    }

    @Test
    void routeCountAndFrequencyThatDifferAreEachListedWithTheParameterAndItsSource() {
        DraftOrder order = new DraftOrder(new BigDecimal("700"), DoseUnit.UG, "IM", 2, BigDecimal.ONE, "wk", 6,
                List.of(), MONDAY);
        OrderReview r = levy(order, "70");
        assertThat(r.status()).isEqualTo(Status.MISMATCH);
        assertThat(r.mismatches()).extracting(Mismatch::aspect)
                .containsExactly(Aspect.ROUTE, Aspect.NUMBER_OF_DOSES, Aspect.FREQUENCY);
        assertThat(r.mismatches()).extracting(Mismatch::rule).containsExactly("protocol.yaml dosing.route",
                "protocol.yaml dosing.doses", "protocol.yaml dosing.maxDosesPerIsoWeek");
        assertThat(r.mismatches().get(1).source()).contains("8 subcutaneous injections");
        assertThat(r.mismatches()).extracting(Mismatch::ordered).containsExactly("IM", "6 doses", "2 per 1 wk");
    }

    @Test
    void threeDosesPerSevenDaysIsThreePerWeek() {
        DraftOrder order = new DraftOrder(new BigDecimal("700"), DoseUnit.UG, "sc", 3, new BigDecimal("7"), "d", 8,
                List.of(), MONDAY);
        assertThat(levy(order, "70").status()).isEqualTo(Status.MATCHES);
    }

    @Test
    void doseDatesAreComparedWithTheCalendarsPlacement() {
        DraftOrder right = new DraftOrder(new BigDecimal("700"), DoseUnit.UG, "SC", null, null, null, null,
                LEVY_DATES, null);
        assertThat(levy(right, "70").status()).isEqualTo(Status.MATCHES);
        List<LocalDate> everyOtherDay = List.of(MONDAY, MONDAY.plusDays(2), MONDAY.plusDays(4), MONDAY.plusDays(6),
                MONDAY.plusDays(8), MONDAY.plusDays(10), MONDAY.plusDays(12), MONDAY.plusDays(14));
        OrderReview r = levy(new DraftOrder(new BigDecimal("700"), DoseUnit.UG, "SC", null, null, null, null,
                everyOtherDay, null), "70");
        Mismatch m = only(r, Aspect.DOSE_DATES);
        assertThat(m.prescribed()).contains("2026-12-23");
        assertThat(m.source()).contains("(assumption)");
        assertThat(r.corrected().doseDates()).isEqualTo(LEVY_DATES);
    }

    @Test
    void withoutAWeightTheOrderIsNeverMatchingItSaysTheWeightIsMissing() {
        OrderReview r = levy(levy("700", DoseUnit.UG), null);
        assertThat(r.status()).isEqualTo(Status.INCOMPLETE);
        assertThat(r.missing()).singleElement().asString().contains("body weight").contains("30 days");
        assertThat(r.corrected()).isNull();
        assertThat(r.weightKg()).isNull();
        // what does not need the weight is still checked
        assertThat(levy(levy("5", DoseUnit.UG_PER_KG), null).mismatches()).extracting(Mismatch::aspect)
                .containsExactly(Aspect.DOSE_LEVEL);
    }

    @Test
    void aStaleWeightIsRefusedByTheWeightAgeRuleAndNothingIsComputedFromIt() {
        OrderReview r = check.check("levy-2009", levy("700", DoseUnit.UG), new BigDecimal("70"),
                MONDAY.minusDays(31), Engines.TODAY);
        assertThat(r.status()).isEqualTo(Status.INCOMPLETE);
        assertThat(r.missing()).singleElement().asString().startsWith("weightMeasuredOn")
                .contains("weigh the candidate again").contains("[rule 'Weight: measured too long before the first");
        assertThat(r.corrected()).isNull();
        OrderReview dayThirty = check.check("levy-2009", levy("700", DoseUnit.UG), new BigDecimal("70"),
                MONDAY.minusDays(30), Engines.TODAY);
        assertThat(dayThirty.status()).isEqualTo(Status.MATCHES);
    }

    @Test
    void aWeightWithoutItsDateIsNotUsed() {
        OrderReview r = check.check("levy-2009", levy("700", DoseUnit.UG), new BigDecimal("70"), null, Engines.TODAY);
        assertThat(r.status()).isEqualTo(Status.INCOMPLETE);
        assertThat(r.missing()).singleElement().asString().contains("date the weight was measured");
    }

    @Test
    void otherProtocolsScheduleComesFromTheirOwnDosingSection() {
        DraftOrder single = new DraftOrder(new BigDecimal("2.1"), DoseUnit.MG, "SC", null, null, null, 1, List.of(),
                LocalDate.of(2026, 12, 8));
        OrderReview a5214 = check.check("a5214", single, new BigDecimal("70"), WEIGHED, Engines.TODAY);
        assertThat(a5214.status()).as(a5214.toString()).isEqualTo(Status.MATCHES);
        assertThat(a5214.corrected().doseLevelUgPerKg()).isEqualByComparingTo("30");

        DraftOrder weekly = new DraftOrder(new BigDecimal("20"), DoseUnit.UG_PER_KG, "SC", 1, BigDecimal.ONE, "wk", 3,
                List.of(), MONDAY);
        OrderReview inspire = check.check("inspire-2", weekly, new BigDecimal("70"), WEIGHED, Engines.TODAY);
        assertThat(inspire.status()).as(inspire.toString()).isEqualTo(Status.MATCHES);
        assertThat(inspire.corrected().doseUg()).isEqualByComparingTo("1400");
        assertThat(inspire.corrected().doseDates()).containsExactly(MONDAY, MONDAY.plusDays(7), MONDAY.plusDays(14));
    }

    @Test
    void anIncompleteDraftIsAMismatchOnEveryAbsentElement() {
        OrderReview r = levy(new DraftOrder(null, null, null, null, null, null, null, List.of(), MONDAY), "70");
        assertThat(r.mismatches()).extracting(Mismatch::aspect).containsExactly(Aspect.DOSE_TOTAL, Aspect.ROUTE,
                Aspect.NUMBER_OF_DOSES, Aspect.FREQUENCY);
        assertThat(r.corrected().doseUg()).isEqualByComparingTo("210"); // nothing tells the level: the lowest
    }

    @Test
    void impossibleValuesAreInvalidInput() {
        assertThatThrownBy(() -> levy(levy("-1", DoseUnit.UG), "70")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("order.dose");
        assertThatThrownBy(() -> levy(new DraftOrder(BigDecimal.TEN, null, "SC", 3, BigDecimal.ONE, "wk", 8,
                List.of(), MONDAY), "70")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("order.dose.unit");
    }
}
