package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.il7cds.engine.fixtures.Bundles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the sandbox allows: the packaged rules, and each construct a rule may use (those the packaged rules use
 * first, then the few other pure ones), each accepted alone and all compiled together by Drools. What it refuses
 * is the hostile-rules suite (HostileRulesTest).
 */
class RuleSandboxTest {

    private static final String LEVY = "protocols/levy-2009/";
    private static final String ELIGIBILITY = """
            package il7cds.levy2009;
            import java.math.BigDecimal;
            import java.time.temporal.ChronoUnit;
            import org.il7cds.engine.eligibility.Art;
            import org.il7cds.engine.eligibility.AsOf;
            import org.il7cds.engine.eligibility.Criterion;
            import org.il7cds.engine.eligibility.History;
            import org.il7cds.engine.eligibility.Lab;
            import org.il7cds.engine.eligibility.Person;
            import org.il7cds.engine.eligibility.Sex;
            import org.il7cds.engine.labs.Comparator;
            import org.il7cds.engine.labs.LabKind;
            global org.il7cds.engine.eligibility.Findings findings;
            """;
    private static final String DOSING = """
            package il7cds.levy2009.dosing;
            import java.math.BigDecimal;
            import org.il7cds.engine.dosing.DosingProtocol;
            import org.il7cds.engine.dosing.DoseOrder;
            import org.il7cds.engine.dosing.DoseAmount;
            import org.il7cds.engine.dosing.DoseVolume;
            import org.il7cds.engine.dosing.EligibilityGate;
            import org.il7cds.engine.dosing.OverrideReason;
            import org.il7cds.engine.eligibility.Verdict;
            global org.il7cds.engine.dosing.DosingDecisions decisions;
            """;

    /** Each allowed construct as a rule: {name, file header, rule}. */
    static Stream<Arguments> allowedConstructs() {
        return Stream.of(
                // What the packaged rules use.
                construct("a threshold read from the criterion, compared with a fact's property", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "adult", $min : whole("minAgeYears"))
                            Person(ageYears != null, ageYears >= $min, $age : ageYears)
                        then
                            findings.met($c, $age + " years");
                        """),
                construct("an enum constant, a negated boolean property and a decimal threshold", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "cd4-count", $min : num("min"), $days : whole("maxAgeDays"))
                            $l : Lab(kind == LabKind.CD4_COUNT, ageDays <= $days, !conflicting, value >= $min)
                        then
                            findings.notMet($c, $l);
                        """),
                construct("in (...), and, or and parentheses in a condition", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "hiv-rna-suppressed", $below : num("below"))
                            $l : Lab(kind == LabKind.HIV_RNA, (comparator == Comparator.LT && value <= $below)
                                     || comparator in (Comparator.EQ, Comparator.GT))
                        then
                            findings.unknown($c, $l, "a result below " + $below + " copies/mL");
                        """),
                construct("not, a binding of a compared property, and date arithmetic", ELIGIBILITY, """
                        when
                            $c : Criterion($kind : lab != null, $days : whole("maxAgeDays"))
                            not Lab(kind == $kind)
                            AsOf($asOf : date)
                        then
                            findings.unknown($c, null, "a " + $kind.label() + " result drawn after "
                                + $asOf.minusDays($days));
                        """),
                construct("fact methods with arguments, in a condition and in the actions", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "on-cart", $agents : list("agents"), $boosters : list("boosters"),
                                           $same : list("sameAgent"))
                            $a : Art(currentDrugs != null, unrecognised($agents, $boosters).isEmpty())
                        then
                            findings.met($c, $a.activeCount($agents, $same) + " agents: "
                                + $a.getCurrentDrugs());
                        """),
                construct("a conditional value, String.valueOf and reading a list", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "no-malignancy", $allowed : list("allowed"))
                            $h : History(malignancies != null)
                        then
                            findings.met($c, $h.getMalignancies().isEmpty() ? "none"
                                : String.valueOf($h.malignanciesOtherThan($allowed)));
                        """),
                construct("an enum compared in a condition (sex == Sex.MALE)", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "not-pregnant-or-breastfeeding")
                            Person(pregnant != true, sex == Sex.MALE || (pregnant == false && breastfeeding == false))
                        then
                            findings.met($c, "not pregnant");
                        """),
                construct("a property of a property in a condition, and an accessor chain", DOSING, """
                        when
                            DosingProtocol()
                            $g : EligibilityGate(override != null,
                                                 override.reasonCode() != OverrideReason.DATA_CONFIRMED_BY_INVESTIGATOR)
                        then
                            decisions.overridden("by " + $g.getOverride().authorisedBy()
                                + " (" + $g.getVerdict() + ")");
                        """),
                construct("a decimal value, a product, and inserting a dose", DOSING, """
                        when
                            $p : DosingProtocol($levels : doseLevels)
                            $o : DoseOrder(weightKg != null, levelIn($levels))
                        then
                            BigDecimal dose = $p.roundDose($o.getWeightKg(), $o.getDoseLevelUgPerKg());
                            decisions.dose(dose, dose.toPlainString() + " = "
                                + $o.getWeightKg().multiply($o.getDoseLevelUgPerKg()).toPlainString());
                            insert(DoseAmount.of(dose));
                        """),
                construct("a fact derived from another (the dose's volume)", DOSING, """
                        when
                            $p : DosingProtocol()
                            $o : DoseOrder(concentrationUgPerMl != null, syringeGraduationMl != null)
                            DoseAmount($dose : doseUg)
                        then
                            insert($p.volume($dose, $o.getConcentrationUgPerMl(), $o.getSyringeGraduationMl()));
                        """),
                construct("a method with a decimal argument, and stripTrailingZeros", DOSING, """
                        when
                            $p : DosingProtocol($limit : num("maxVolumeRoundingDeviation"))
                            $v : DoseVolume(deviatesMoreThan($limit))
                        then
                            decisions.invalid("syringeGraduationMl",
                                $v.getGraduationMl().stripTrailingZeros().toPlainString() + " mL, "
                                + $p.display("maxVolumeRoundingDeviation"));
                        """),
                construct("an eligibility verdict compared in the gate", DOSING, """
                        when
                            DosingProtocol()
                            EligibilityGate(verdict == Verdict.ELIGIBLE)
                        then
                            decisions.eligible("ELIGIBLE");
                        """),
                // Pure constructs the packaged rules do not use (yet).
                construct("salience and no-loop", ELIGIBILITY, """
                            salience 10
                            no-loop true
                        when
                            $c : Criterion(id == "adult")
                            Person(ageYears == null)
                        then
                            findings.unknown($c, null, "the date of birth");
                        """),
                construct("exists, eval and a decimal comparison", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "cd4-count", $max : num("max"))
                            exists Lab(kind == LabKind.CD4_COUNT)
                            eval($max.compareTo(BigDecimal.ZERO) > 0)
                        then
                            findings.unknown($c, null, "a CD4 count");
                        """),
                construct("if and else in the actions", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "adult")
                            Person($age : ageYears != null)
                        then
                            if ($age > 120) {
                                findings.unknown($c, $age, "a plausible date of birth");
                            } else {
                                findings.met($c, Math.max($age, 0) + " years");
                            }
                        """),
                construct("from over a fact's list", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "on-cart")
                            $a : Art(currentDrugs != null)
                            $d : String(length() > 40) from $a.getCurrentDrugs()
                        then
                            findings.unknown($c, $d.substring(0, 40), "the drug's generic name");
                        """),
                construct("accumulate with a built-in function", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "cd4-count")
                            accumulate($l : Lab(kind == LabKind.CD4_COUNT); $n : count($l))
                        then
                            findings.unknown($c, String.format("%2d results", $n.intValue()),
                                "one CD4 count");
                        """),
                construct("whole days between two dates, a cast and instanceof", ELIGIBILITY, """
                        when
                            $c : Criterion(id == "cart-duration")
                            $a : Art(startDate != null)
                            AsOf($asOf : date)
                        then
                            long days = ChronoUnit.DAYS.between($a.getStartDate(), $asOf);
                            Object seen = (Object) $a.getStartDate();
                            findings.unknown($c, days + (seen instanceof String ? "" : " days"),
                                "the start date");
                        """),
                Arguments.of("a query over the facts", ELIGIBILITY + """
                        query "adults" (int $min)
                            Person(ageYears != null, ageYears >= $min)
                        end
                        """));
    }

    private static Arguments construct(String name, String header, String rule) {
        return Arguments.of(name, header + "rule \"allowed: " + name + "\"\n    @source(\"test\")\n" + rule + "end\n");
    }

    @Test
    void thePackagedRulesPassTheSandbox() {
        assertThat(RuleSandbox.check(RuleBundle.fromClasspath())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedConstructs")
    void anAllowedConstructPasses(String name, String drl) {
        assertThat(RuleSandbox.check(Bundles.packagedWith(LEVY + "allowed.drl", drl))).isEmpty();
    }

    @Test
    void droolsCompilesEveryAllowedConstruct() {
        Map<String, String> files = new LinkedHashMap<>();
        RuleBundle.fromClasspath().files().forEach((p, b) -> files.put(p, new String(b,
                java.nio.charset.StandardCharsets.UTF_8)));
        int[] n = {0};
        allowedConstructs().forEach(a -> files.put(LEVY + "allowed-" + n[0]++ + ".drl", (String) a.get()[1]));
        RuleSet compiled = RuleSetCompiler.compile(RuleBundle.of(files, "test"));
        assertThat(compiled.protocolIds()).containsExactly("a5214", "inspire-2", "inspire-3", "levy-2009");
    }

    @Test
    void aFileFullOfRefusalsGivesAHundredAndHowManyMore() {
        String body = "    System.exit(0);\n".repeat(500);
        var problems = RuleSandbox.check(Bundles.packagedWith(LEVY + "hostile.drl", """
                package il7cds.levy2009;
                import org.il7cds.engine.eligibility.AsOf;
                rule "many" @source("test") when AsOf() then
                %send
                """.formatted(body)));
        assertThat(problems).hasSize(101);
        assertThat(problems.get(100).message()).isEqualTo("and 400 more refusals in this file");
    }

    @Test
    void everyRefusalOfAFileIsReportedNotOnlyTheFirst() {
        var problems = RuleSandbox.check(Bundles.packagedWith(LEVY + "hostile.drl", """
                package il7cds.levy2009;
                import java.io.File;
                import org.il7cds.engine.eligibility.AsOf;
                rule "several" @source("test") when AsOf() then
                    Thread.sleep(1);
                    new File("x").delete();
                end
                """));
        assertThat(problems).extracting(RuleProblem::line).containsExactly(2, 5, 6);
    }
}
