package org.il7cds.engine.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The informatician's promise: a protocol is added without Java. The test writes a rules directory as an informatician
 * would (the packaged bundle.yaml and levy-2009 folder, plus a new folder with its protocol.yaml, a DRL file and
 * scenario files), and the packaged engine, unchanged, validates it (compile, lint, scenarios) and assesses a candidate
 * against the new protocol. (levy-2009 alone keeps the validation short on a shared machine; the other packaged
 * protocols are validated by the scenario tests.)
 */
class ProtocolWithoutJavaTest {

    private static final String PROTOCOL = """
            id: demo-cd4
            title: "A demonstration protocol: CD4 at least 200"
            citation: "Test protocol written in ProtocolWithoutJavaTest"
            criteria:
              - id: cd4-at-least
                title: "CD4+ T-cell count"
                type: inclusion
                lab: CD4_COUNT
                source: "Demonstration: CD4 ≥ 200 cells/µL"
                threshold: "≥ {min}, drawn within {maxAgeDays} days"
                unit: cells/uL
                parameters:
                  min: { value: 200, unit: cells/uL, source: "demonstration", assumption: true }
                  maxAgeDays: { value: 30, unit: days, source: "demonstration", assumption: true }
            """;

    private static final String RULES = """
            package il7cds.democd4;

            import org.il7cds.engine.eligibility.Criterion;
            import org.il7cds.engine.eligibility.Lab;
            import org.il7cds.engine.eligibility.AsOf;
            import org.il7cds.engine.labs.LabKind;

            global org.il7cds.engine.eligibility.Findings findings;

            rule "CD4 at or above the minimum"
                @source("Demonstration: CD4 ≥ 200 cells/µL")
            when
                $c : Criterion(id == "cd4-at-least", $min : num("min"), $days : whole("maxAgeDays"))
                $l : Lab(kind == LabKind.CD4_COUNT, ageDays <= $days, !conflicting, value >= $min)
            then
                findings.met($c, $l);
            end

            rule "CD4 below the minimum"
                @source("Demonstration: CD4 ≥ 200 cells/µL")
            when
                $c : Criterion(id == "cd4-at-least", $min : num("min"), $days : whole("maxAgeDays"))
                $l : Lab(kind == LabKind.CD4_COUNT, ageDays <= $days, !conflicting, value < $min)
            then
                findings.notMet($c, $l);
            end

            rule "CD4 missing or stale"
                @source("Safety policy: a missing result never makes a candidate eligible")
            when
                $c : Criterion(id == "cd4-at-least", $days : whole("maxAgeDays"))
                AsOf($asOf : date)
                not Lab(kind == LabKind.CD4_COUNT, ageDays <= $days)
            then
                findings.unknown($c, null, "a CD4 result drawn on or after " + $asOf.minusDays($days));
            end
            """;

    private static final String SCENARIO_MET = """
            name: "CD4 250 meets the minimum"
            request:
              asOf: 2026-11-26
              candidate:
                pseudonymId: DEMO-1
                cd4Counts: [ { value: 250, unit: cells/uL, sampleDate: 2026-11-19 } ]
            expect:
              verdict: ELIGIBLE
              criteria: { cd4-at-least: MET }
              rules: { cd4-at-least: "CD4 at or above the minimum" }
            """;

    private static final String SCENARIO_NOT_MET = """
            name: "CD4 199 is below the minimum"
            request:
              asOf: 2026-11-26
              candidate:
                pseudonymId: DEMO-2
                cd4Counts: [ { value: 199, unit: cells/uL, sampleDate: 2026-11-19 } ]
            expect:
              verdict: NOT_ELIGIBLE
              rules: { cd4-at-least: "CD4 below the minimum" }
            """;

    private static final String SCENARIO_UNKNOWN = """
            name: "No CD4 result"
            request:
              asOf: 2026-11-26
              candidate: { pseudonymId: DEMO-3 }
            expect:
              verdict: INCOMPLETE
              rules: { cd4-at-least: "CD4 missing or stale" }
            """;

    @Test
    void aProtocolFolderWrittenAsFilesIsValidatedAndAssessedByThePackagedEngine(@TempDir Path dir) throws IOException {
        for (Map.Entry<String, byte[]> f : RuleBundle.fromClasspath().files().entrySet()) {
            if (!f.getKey().equals("bundle.yaml") && !f.getKey().startsWith("protocols/levy-2009/")
                    && !f.getKey().startsWith("terminology/")) {
                continue;
            }
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        Path folder = dir.resolve("protocols/demo-cd4");
        Files.createDirectories(folder.resolve("scenarios/eligibility"));
        Files.writeString(folder.resolve("protocol.yaml"), PROTOCOL);
        Files.writeString(folder.resolve("rules.drl"), RULES);
        Files.writeString(folder.resolve("scenarios/eligibility/01-met.yaml"), SCENARIO_MET);
        Files.writeString(folder.resolve("scenarios/eligibility/02-not-met.yaml"), SCENARIO_NOT_MET);
        Files.writeString(folder.resolve("scenarios/eligibility/03-unknown.yaml"), SCENARIO_UNKNOWN);

        // The validation's time limit is the service's configuration; on a shared build machine the default minute can
        // pass before the compile ends, which this test is not about.
        RulesValidator.Limits before = RulesValidator.limits();
        RulesValidator.Outcome outcome;
        try {
            RulesValidator.limit(new RulesValidator.Limits(java.time.Duration.ofMinutes(5), before.maxHeapInUse()));
            outcome = RulesValidator.validate(RuleBundle.fromDirectory(dir));
        } finally {
            RulesValidator.limit(before);
        }
        assertThat(outcome.report().problems()).as("problems").filteredOn(p -> p.file().contains("demo-cd4")).isEmpty();
        assertThat(outcome.report().valid()).as(String.valueOf(outcome.report().problems())).isTrue();
        assertThat(outcome.report().scenarios()).filteredOn(s -> s.file().contains("demo-cd4")).hasSize(3)
                .allSatisfy(s -> assertThat(s.passed()).as(s.file() + " " + s.differences()).isTrue());
        assertThat(outcome.compiled().protocolIds()).containsExactly("demo-cd4", "levy-2009");

        EligibilityEngine engine = new EligibilityEngine(new ActiveRules(outcome.compiled()), Engines.CLOCK);
        LocalDate today = Engines.TODAY;
        Assessment yes = engine.assess("demo-cd4", Candidates.eligible(today).build(), today);
        Assessment no = engine.assess("demo-cd4", Candidates.eligible(today).lab(LabKind.CD4_COUNT, "150", "cells/uL")
                .build(), today);
        assertThat(yes.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(no.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(no.criteria()).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo("CD4 below the minimum");
            assertThat(c.source()).isEqualTo("Demonstration: CD4 ≥ 200 cells/µL");
            assertThat(c.threshold()).isEqualTo("≥ 200, drawn within 30 days");
        });
    }
}
