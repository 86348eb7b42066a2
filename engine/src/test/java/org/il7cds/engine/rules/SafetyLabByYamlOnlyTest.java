package org.il7cds.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.il7cds.engine.authoring.RulesValidator;
import org.il7cds.engine.authoring.ValidationReport;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.Candidate;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.fixtures.Candidates;
import org.il7cds.engine.fixtures.Engines;
import org.il7cds.engine.labs.LabKind;
import org.junit.jupiter.api.Test;

/**
 * rules/README.md's worked example, as written there: a safety lab added with YAML lines only (a criterion in
 * protocol.yaml, a result in the shared eligible candidate, a scenario) is decided by generated rules, validates
 * once the scenario names the right rule, and changes verdicts. The three YAML blocks are read from the README.
 */
class SafetyLabByYamlOnlyTest {

    private static final String LEVY = "protocols/levy-2009/";
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- safety-lab-example: ([^ ]+) -->\\R( *)```yaml\\R(.*?)\\R\\2```", Pattern.DOTALL);

    private static Map<String, String> readmeBlocks() throws IOException {
        Path readme = Path.of("..", "rules", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String indent = m.group(2);
            StringBuilder block = new StringBuilder();
            for (String line : m.group(3).split("\\R")) {
                block.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
            }
            blocks.put(m.group(1), block.toString());
        }
        return blocks;
    }

    private static Map<String, String> withExample(Map<String, String> blocks, String scenario) {
        Map<String, String> files = new LinkedHashMap<>();
        RuleBundle.fromClasspath().files().forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
        String protocol = files.get(LEVY + "protocol.yaml");
        int dosing = protocol.indexOf("\n# ", protocol.indexOf("  - id: creatinine"));
        files.put(LEVY + "protocol.yaml", protocol.substring(0, dosing + 1) + "\n" + blocks.get("protocol.yaml")
                + protocol.substring(dosing + 1));
        String base = files.get(LEVY + "scenarios/eligibility/_eligible.yaml");
        int creatinine = base.indexOf('\n', base.indexOf("\n  creatinine:") + 1);
        files.put(LEVY + "scenarios/eligibility/_eligible.yaml", base.substring(0, creatinine + 1)
                + blocks.get("_eligible.yaml") + base.substring(creatinine + 1));
        files.put(LEVY + "scenarios/eligibility/43-cd4-percent-below.yaml", scenario);
        files.put("bundle.yaml", files.get("bundle.yaml").replace("version: \"", "version: \"cd4-percent-"));
        return files;
    }

    @Test
    void theReadmesSafetyLabIsAddedWithYamlOnly() throws IOException {
        Map<String, String> blocks = readmeBlocks();
        assertThat(blocks).containsOnlyKeys("protocol.yaml", "_eligible.yaml", "43-cd4-percent-below.yaml");
        String scenario = blocks.get("43-cd4-percent-below.yaml");

        // As the README writes it first, the scenario names the wrong rule: validation says which one decided.
        ValidationReport first = RulesValidator.validate(RuleBundle.of(withExample(blocks, scenario), "readme"))
                .report();
        assertThat(first.valid()).isFalse();
        assertThat(first.problems()).isEmpty();
        assertThat(first.scenarios()).filteredOn(s -> !s.passed()).singleElement().satisfies(s -> {
            assertThat(s.file()).endsWith("43-cd4-percent-below.yaml");
            assertThat(String.join("\n", s.differences())).contains("CD4+ percentage: below the minimum");
        });

        // Corrected as the README says: valid, and no DRL file was touched.
        String corrected = scenario.replace("\"CD4+ percentage: at or above the minimum\"",
                "\"CD4+ percentage: below the minimum\"");
        Map<String, String> files = withExample(blocks, corrected);
        RuleBundle bundle = RuleBundle.of(files, "readme");
        RulesValidator.Outcome outcome = RulesValidator.validate(bundle);
        assertThat(outcome.report().problems()).isEmpty();
        assertThat(outcome.report().valid()).isTrue();
        RuleBundle packaged = RuleBundle.fromClasspath();
        files.keySet().stream().filter(p -> p.endsWith(".drl"))
                .forEach(p -> assertThat(files.get(p)).as(p).isEqualTo(packaged.text(p)));

        EligibilityEngine engine = new EligibilityEngine(outcome::compiled, Engines.CLOCK);
        Candidate without = Candidates.eligible(Engines.TODAY).build();
        Assessment missing = engine.assess(without, Engines.TODAY);
        assertThat(missing.verdict()).isEqualTo(Verdict.INCOMPLETE);
        CriterionResult unknown = criterion(missing, "cd4-percent");
        assertThat(unknown.status()).isEqualTo(Status.UNKNOWN);
        assertThat(unknown.rule()).isEqualTo("CD4+ percentage: no result");
        assertThat(unknown.title()).isEqualTo("CD4+ percentage ≥ 14 %");
        assertThat(unknown.threshold()).isEqualTo("≥ 14, drawn within 42 days");
        assertThat(unknown.source()).isEqualTo("Amendment 3 (example): CD4+ percentage at least 14 %");

        Assessment low = engine.assess(Candidates.eligible(Engines.TODAY).lab(LabKind.CD4_PERCENT, "13", "%").build(),
                Engines.TODAY);
        assertThat(low.verdict()).isEqualTo(Verdict.NOT_ELIGIBLE);
        assertThat(criterion(low, "cd4-percent").status()).isEqualTo(Status.NOT_MET);
        Assessment enough = engine.assess(Candidates.eligible(Engines.TODAY).lab(LabKind.CD4_PERCENT, "14", "%")
                .build(), Engines.TODAY);
        assertThat(enough.verdict()).isEqualTo(Verdict.ELIGIBLE);
        assertThat(criterion(enough, "cd4-percent").rule()).isEqualTo("CD4+ percentage: at or above the minimum");
    }

    private static CriterionResult criterion(Assessment a, String id) {
        return a.criteria().stream().filter(c -> c.criterionId().equals(id)).findFirst().orElseThrow();
    }
}
