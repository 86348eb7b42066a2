package org.il7cds.engine.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.il7cds.engine.FieldProblem;
import org.il7cds.engine.InvalidInputException;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.Comparator;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.labs.Qualitative;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Input the engine refuses, every problem named by field; and data it uses but notes. */
class CandidateValidationTest {

    private static final LocalDate AS_OF = Engines.TODAY;
    private final EligibilityEngine engine = Engines.eligibility();

    private List<String> refusedFields(Candidates c) {
        return refusedFields(c, AS_OF);
    }

    private List<String> refusedFields(Candidates c, LocalDate asOf) {
        try {
            engine.assess(c.build(), asOf);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(FieldProblem::field).toList();
        }
        throw new AssertionError("expected the input to be refused");
    }

    @Nested
    class LabResults {

        @Test
        void futureSampleDateIsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).lab(LabKind.CD4_COUNT, "250", "cells/uL",
                    AS_OF.plusDays(1)))).containsExactly("labs[5].sampleDate");
        }

        @Test
        void missingSampleDateIsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).lab(new LabResult(LabKind.CD4_COUNT,
                    new BigDecimal("250"), Comparator.EQ, null, "cells/uL", null, null))))
                    .containsExactly("labs[5].sampleDate");
        }

        @Test
        void negativeValueIsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).lab(LabKind.CD4_COUNT, "-5", "cells/uL")))
                    .containsExactly("labs[5].value");
        }

        @Test
        void unknownUnitIsRefusedWithTheAcceptedUnits() {
            assertThatThrownBy(() -> engine.assess(Candidates.eligible(AS_OF)
                    .lab(LabKind.CD4_COUNT, "250", "cells/dL").build(), AS_OF))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("labs[5].unit")
                    .hasMessageContaining("accepted units are");
        }

        @Test
        void missingUnitIsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).lab(LabKind.CD4_COUNT, "250", " ")))
                    .containsExactly("labs[5].unit");
        }

        @Test
        void viralLoadInInternationalUnitsIsRefused() {
            assertThatThrownBy(() -> engine.assess(Candidates.eligible(AS_OF)
                    .lab(LabKind.HIV_RNA, "30", "IU/mL").build(), AS_OF))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("assay's own factor");
        }

        @Test
        void valueAndQualitativeTogetherAreAmbiguous() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).lab(new LabResult(LabKind.HIV_RNA,
                    new BigDecimal("20"), Comparator.LT, Qualitative.NOT_DETECTED, "copies/mL", AS_OF, null))))
                    .containsExactly("labs[5].value");
        }

        @Test
        void censoredCd4IsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).lab(LabKind.CD4_COUNT, "<200", "cells/uL")))
                    .containsExactly("labs[5].comparator");
        }

        @Test
        void creatinineWithoutUpperLimitOfNormalIsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).lab(LabKind.CREATININE, "1.0", "mg/dL")))
                    .containsExactly("labs[5].unit");
        }

        @Test
        void malformedReportedValuesAreRejectedWhenParsed() {
            assertThatThrownBy(() -> LabResult.parse(LabKind.HIV_RNA, "<<abc", "copies/mL", AS_OF))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> LabResult.parse(LabKind.HIV_RNA, "detected", "copies/mL", AS_OF))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            assertThat(refusedFields(Candidates.eligible(AS_OF)
                    .lab(LabKind.CD4_COUNT, "-5", "cells/uL")
                    .lab(LabKind.HIV_RNA, "20", "IU/mL", AS_OF.plusDays(3))
                    .id(" ")))
                    .contains("pseudonymId", "labs[4].value", "labs[5].sampleDate");
        }

        @Test
        void resultsAfterTheAsOfDateAreNotUsedAndNoted() {
            LocalDate asOf = AS_OF.minusDays(10);
            Assessment a = engine.assess(Candidates.eligible(asOf)
                    .plus(LabResult.of(LabKind.CD4_COUNT, "50", "cells/uL", AS_OF.minusDays(1))).build(), asOf);
            assertThat(a.verdict()).isEqualTo(Verdict.ELIGIBLE);
            assertThat(a.notes()).singleElement().asString().contains("after the as-of date");
        }
    }

    @Nested
    class Person {

        @Test
        void ageThatDisagreesWithBirthDateIsRefused() {
            Candidates c = Candidates.eligible(AS_OF).ageYears(30).birthDate(AS_OF.minusYears(40));
            assertThat(refusedFields(c)).containsExactly("ageYears");
        }

        @Test
        void birthDateInTheFutureIsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).birthDate(AS_OF.plusDays(1))))
                    .containsExactly("birthDate");
        }

        @Test
        void implausibleAgeIsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).ageYears(131))).containsExactly("ageYears");
            assertThat(refusedFields(Candidates.eligible(AS_OF).ageYears(-1))).containsExactly("ageYears");
        }

        @Test
        void pregnantMaleIsContradictory() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).pregnant(true))).containsExactly("pregnant");
        }

        @Test
        void pseudonymMustLookLikeAnIdentifierNotAName() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).id("Jane Doe"))).containsExactly("pseudonymId");
        }

        @Test
        void regimenChangeBeforeStartIsRefused() {
            assertThat(refusedFields(Candidates.eligible(AS_OF).art(new ArtHistory(LocalDate.of(2024, 1, 1),
                    LocalDate.of(2023, 1, 1), List.of("dolutegravir", "lamivudine", "abacavir")))))
                    .containsExactly("art.lastRegimenChange");
        }
    }

    @Test
    void unknownProtocolIsNamed() {
        assertThatThrownBy(() -> engine.assess("levy-2010", Candidates.eligible(AS_OF).build(), AS_OF))
                .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("levy-2009");
    }

    @Test
    void asOfMustBeAPlausibleDate() {
        assertThat(refusedFields(Candidates.eligible(AS_OF), AS_OF.plusYears(1).plusDays(1))).containsExactly("asOf");
        assertThat(refusedFields(Candidates.eligible(AS_OF), LocalDate.of(1995, 12, 31))).containsExactly("asOf");
        // at each bound the date is accepted (the verdict itself then depends on the data's age)
        assertThat(engine.assess(Candidates.eligible(AS_OF).build(), LocalDate.of(1996, 1, 1)).asOf())
                .isEqualTo(LocalDate.of(1996, 1, 1));
        assertThat(engine.assess(Candidates.eligible(AS_OF).build(), AS_OF.plusYears(1)).asOf())
                .isEqualTo(AS_OF.plusYears(1));
    }

    @Test
    void nullItemsAreFieldProblemsNotCrashes() {
        Candidate c = Candidates.eligible(AS_OF).build();
        java.util.List<LabResult> labs = new java.util.ArrayList<>(c.labs());
        labs.add(null);
        java.util.List<String> drugs = new java.util.ArrayList<>(java.util.List.of("dolutegravir", "lamivudine"));
        drugs.add(null);
        Candidate withNulls = new Candidate(c.pseudonymId(), c.birthDate(), null, c.sex(), false, false, labs,
                new ArtHistory(c.art().startDate(), c.art().lastRegimenChange(), drugs), false,
                java.util.Arrays.asList(Malignancy.OTHER, null), false);
        assertThatThrownBy(() -> engine.assess(withNulls, AS_OF)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(FieldProblem::field)
                        .contains("labs[6]", "art.currentDrugs[2]", "malignancyHistory"));
    }

    @Test
    void asOfDefaultsToToday() {
        Assessment a = engine.assess(Candidates.eligible(AS_OF).build());
        assertThat(a.asOf()).isEqualTo(Engines.TODAY);
    }
}
