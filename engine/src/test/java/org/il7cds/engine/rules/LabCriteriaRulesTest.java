package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.il7cds.engine.fixtures.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules generated from lab criteria: literal thresholds, checked declarations, text from the same values. */
class LabCriteriaRulesTest {

    private static final String HEAD = """
            id: p
            title: "t"
            citation: "c"
            criteria:
              - id: x
                title: "Platelet count"
                type: inclusion
                source: "s"
                lab: PLATELETS
            """;

    private static ProtocolDefinition parse(String criterionLines, List<RuleProblem> problems) {
        return ProtocolFileParser.parse("protocols/p/protocol.yaml", HEAD + criterionLines, problems);
    }

    @Test
    void thePackagedLabCriteriaBecomeRulesWithLiteralThresholds() {
        ProtocolDefinition levy = Engines.packagedRules().protocol("levy-2009").orElseThrow().definition();
        String drl = LabCriteriaRules.drl(levy);
        assertThat(drl).contains("package il7cds.generated.levy_2009;")
                .contains("rule \"CD4+ T-cell count: within the range\"")
                .contains("Lab(kind == LabKind.CD4_COUNT, ageDays <= 42, !conflicting, comparator == Comparator.EQ,"
                        + " value >= 100B, value <= 400B)")
                .contains("value < 100B || value > 400B")
                .contains("Lab(kind == LabKind.CREATININE, ageDays <= 42, !conflicting, comparator == Comparator.EQ,"
                        + " value <= 1.5B)")
                .contains("Lab(kind == LabKind.HAEMOGLOBIN, ageDays <= 42, !conflicting, comparator == Comparator.EQ,"
                        + " value >= 10.0B)")
                .contains("value < 50B")
                .contains("@criterion(\"neutrophils\")")
                .doesNotContain("Criterion(");
        // Five rules per lab criterion: met, not met, no result, stale, conflicting.
        assertThat(drl.split("\nrule ", -1)).hasSize(1 + 5 * 6);
        assertThat(RuleSandbox.check(RuleBundle.of(java.util.Map.of(), "none"),
                java.util.Map.of("protocols/levy-2009/" + LabCriteriaRules.FILE, drl))).isEmpty();
    }

    @Test
    void titleAndThresholdArePrintedFromTheBounds() {
        ProtocolDefinition levy = Engines.packagedRules().protocol("levy-2009").orElseThrow().definition();
        CriterionDefinition cd4 = levy.criterion("cd4-count").orElseThrow();
        assertThat(cd4.displayTitle()).isEqualTo("CD4+ T-cell count 100–400 cells/uL");
        assertThat(cd4.renderedThreshold()).isEqualTo("100–400, drawn within 42 days");
        assertThat(levy.criterion("hiv-rna-suppressed").orElseThrow().renderedThreshold())
                .isEqualTo("< 50, drawn within 42 days");
        assertThat(levy.criterion("creatinine").orElseThrow().displayTitle()).isEqualTo("Serum creatinine ≤ 1.5 x ULN");
        assertThat(levy.criterion("neutrophils").orElseThrow().renderedThreshold())
                .isEqualTo("≥ 1500, drawn within 42 days");
    }

    @Test
    void aWellFormedDeclarationParses() {
        List<RuleProblem> problems = new ArrayList<>();
        ProtocolDefinition p = parse("""
                    comparison: at-least
                    unit: 10*9/L
                    parameters:
                      min: { value: 100, unit: 10*9/L, source: "s", assumption: true }
                      maxAgeDays: { value: 30, unit: days, source: "s", assumption: true }
                """, problems);
        assertThat(problems).isEmpty();
        assertThat(p.criteria().get(0).comparison()).isEqualTo(Comparison.AT_LEAST);
        assertThat(LabCriteriaRules.drl(p)).contains("ageDays <= 30").contains("value >= 100B");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown comparison  | comparison: more-than                                      | is not one of at-least
            bound missing       | comparison: between                                        | parameters.max is required
            bound in other unit | comparison: at-least;min.unit: cells/uL                     | parameters.min.unit must be 10*9/L
            negative bound      | comparison: at-least;min.value: -1                          | must be a number from 0
            code list bound     | comparison: at-least;min.value: [a, b]                      | must be a number from 0
            window not days     | comparison: at-least;window.unit: weeks                     | whole number of days
            window not whole    | comparison: at-least;window.value: 1.5                      | whole number of days
            threshold written   | comparison: at-least;threshold: "≥ {min}"                   | threshold is printed from the bounds
            unit of criterion   | comparison: at-least;unit: cells/uL                         | .unit must be 10*9/L
            quote in title      | comparison: at-least;title: 'Platelets "high"'              | no double quote
            min above max       | comparison: between;max: 50                                 | min is above max
            """)
    void aBadDeclarationIsRefusedBeforeAnyRuleIsGenerated(String name, String edits, String message) {
        String comparison = "between";
        String minValue = "100";
        String minUnit = "10*9/L";
        String windowUnit = "days";
        String windowValue = "42";
        String extra = "";
        String unit = "10*9/L";
        String title = null;
        boolean max = false;
        String maxValue = "400";
        for (String edit : edits.split(";")) {
            String[] kv = edit.split(": ", 2);
            switch (kv[0].trim()) {
                case "comparison" -> {
                    comparison = kv[1];
                    max = kv[1].equals("between");
                }
                case "min.unit" -> minUnit = kv[1];
                case "min.value" -> minValue = kv[1];
                case "window.unit" -> windowUnit = kv[1];
                case "window.value" -> windowValue = kv[1];
                case "threshold" -> extra += "    threshold: " + kv[1] + "\n";
                case "unit" -> unit = kv[1];
                case "title" -> title = kv[1];
                case "max" -> maxValue = kv[1];
                default -> throw new IllegalArgumentException(edit);
            }
        }
        boolean maxMissing = name.equals("bound missing");
        String lines = "    comparison: " + comparison + "\n" + extra + "    unit: " + unit + "\n    parameters:\n"
                + "      min: { value: " + minValue + ", unit: " + minUnit + ", source: \"s\", assumption: true }\n"
                + (max && !maxMissing ? "      max: { value: " + maxValue + ", unit: 10*9/L, source: \"s\","
                        + " assumption: true }\n" : "")
                + "      maxAgeDays: { value: " + windowValue + ", unit: " + windowUnit + ", source: \"s\","
                + " assumption: true }\n";
        String yaml = title == null ? lines : lines;
        List<RuleProblem> problems = new ArrayList<>();
        ProtocolDefinition p = title == null ? parse(yaml, problems)
                : ProtocolFileParser.parse("protocols/p/protocol.yaml",
                        HEAD.replace("title: \"Platelet count\"", "title: " + title) + yaml, problems);
        assertThat(p).isNull();
        assertThat(problems).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m).contains(message));
    }
}
