package org.il7cds.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.rules.ProtocolFileParser;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.junit.jupiter.api.Test;

/**
 * The build validates every file informaticians edit against the schema in rules/schema for its kind: bundle.yaml,
 * each protocol.yaml, each scenario and scenario base file. A YAML file no schema describes, or a schema that is
 * missing, fails the build: nothing is skipped silently.
 */
class RulesSchemasTest {

    /** The rules folder of the repository (the tests run in engine/). */
    private static final Path RULES = Path.of("..", "rules");

    @Test
    void everyYamlFileOfTheRulesFolderIsValidAgainstTheSchemaOfItsKind() {
        RuleBundle bundle = RuleBundle.fromDirectory(RULES);
        List<String> failures = new ArrayList<>();
        int validated = 0;
        for (String path : bundle.files().keySet()) {
            if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
                continue;
            }
            String schema = RulesSchemas.schemaFor(path);
            if (schema == null) {
                failures.add(path + ": no schema in rules/schema describes this file");
                continue;
            }
            if (!RulesSchemas.exists(schema)) {
                failures.add(path + ": its schema rules/schema/" + schema + " is missing");
                continue;
            }
            List<RuleProblem> problems = new ArrayList<>();
            Object tree = ProtocolFileParser.load(path, bundle.text(path), problems);
            problems.forEach(p -> failures.add(p.toString()));
            if (tree != null) {
                RulesSchemas.problems(schema, tree).forEach(p -> failures.add(path + ": " + p + " (" + schema + ")"));
            }
            validated++;
        }
        assertThat(failures).isEmpty();
        assertThat(validated).as("YAML files validated").isGreaterThanOrEqualTo(1 + 1 + 41 + 18 + 1);
    }

    @Test
    void eachKindOfFileHasItsSchema() {
        assertThat(RulesSchemas.schemaFor("bundle.yaml")).isEqualTo(RulesSchemas.BUNDLE);
        assertThat(RulesSchemas.schemaFor("protocols/levy-2009/protocol.yaml")).isEqualTo(RulesSchemas.PROTOCOL);
        assertThat(RulesSchemas.schemaFor("protocols/levy-2009/scenarios/eligibility/_eligible.yaml"))
                .isEqualTo(RulesSchemas.SCENARIO_BASE);
        assertThat(RulesSchemas.schemaFor("protocols/levy-2009/scenarios/eligibility/01-x.yaml"))
                .isEqualTo(RulesSchemas.ELIGIBILITY_SCENARIO);
        assertThat(RulesSchemas.schemaFor("protocols/levy-2009/scenarios/dosing/01-x.yaml"))
                .isEqualTo(RulesSchemas.DOSING_SCENARIO);
        assertThat(RulesSchemas.schemaFor("protocols/inspire-2/scenarios/retreatment/01-x.yaml"))
                .isEqualTo(RulesSchemas.RETREATMENT_SCENARIO);
        assertThat(RulesSchemas.schemaFor("protocols/inspire-2/scenarios/monitoring/01-x.yaml"))
                .isEqualTo(RulesSchemas.MONITORING_SCENARIO);
        assertThat(RulesSchemas.schemaFor("protocols/levy-2009/notes.yaml")).isNull();
        for (String schema : List.of(RulesSchemas.BUNDLE, RulesSchemas.PROTOCOL, RulesSchemas.SCENARIO_BASE,
                RulesSchemas.ELIGIBILITY_SCENARIO, RulesSchemas.DOSING_SCENARIO, RulesSchemas.RETREATMENT_SCENARIO,
                RulesSchemas.MONITORING_SCENARIO)) {
            assertThat(RulesSchemas.exists(schema)).as(schema).isTrue();
        }
    }

    @Test
    void aProblemNamesThePathOfTheValue() {
        Map<String, Object> bundle = Map.of("version", 2, "owner", "x");
        assertThat(RulesSchemas.problems(RulesSchemas.BUNDLE, bundle))
                .anySatisfy(p -> assertThat(p).startsWith("version: "))
                .anySatisfy(p -> assertThat(p).contains("owner"));
        assertThat(RulesSchemas.path("/request/candidate/cd4Counts/0/unit")).isEqualTo("request.candidate.cd4Counts[0].unit");
        assertThat(RulesSchemas.path("")).isEmpty();
    }
}
