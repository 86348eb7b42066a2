package org.il7cds.engine.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas of the files informaticians edit (rules/schema, packaged as {@code il7cds-rules-schema/} on the
 * classpath), and which schema a rules file answers to. Editors validate against the same files as people type
 * (rules/README.md); the engine validates every scenario file when it reads it, and the build validates every file
 * of the packaged rules (RulesSchemasTest). A schema is the one place that says which keys a file may have: a key it
 * does not know is refused, never ignored.
 */
public final class RulesSchemas {

    /** The schema of bundle.yaml. */
    public static final String BUNDLE = "bundle.schema.json";
    /** The schema of a protocol.yaml (written with the protocol format, see rules/README.md). */
    public static final String PROTOCOL = "protocol.schema.json";
    public static final String ELIGIBILITY_SCENARIO = "eligibility-scenario.schema.json";
    public static final String DOSING_SCENARIO = "dosing-scenario.schema.json";
    /** The schema of a re-treatment scenario (a RetreatmentRequest and the decision the rules must make). */
    public static final String RETREATMENT_SCENARIO = "retreatment-scenario.schema.json";
    /** The schema of a monitoring scenario (a MonitoringRequest and the answer the rules must give). */
    public static final String MONITORING_SCENARIO = "monitoring-scenario.schema.json";
    /** The schema of the antiretroviral drug terminology ({@code terminology/antiretrovirals.yaml}). */
    public static final String ANTIRETROVIRALS = "antiretrovirals.schema.json";
    /** The schema of the condition codes the FHIR input maps ({@code terminology/conditions.yaml}). */
    public static final String CONDITIONS = "conditions.schema.json";
    /** The schema of how a draft order is recognised as rhIL-7 ({@code terminology/rhil7.yaml}). */
    public static final String RHIL7 = "rhil7.schema.json";
    /** The schema of a scenario base file ({@code _eligible.yaml}: a candidate that scenarios change). */
    public static final String SCENARIO_BASE = "scenario-base.schema.json";

    private static final String ROOT = "il7cds-rules-schema/";
    private static final Pattern PROTOCOL_FILE = Pattern.compile("protocols/[^/]+/protocol\\.ya?ml");
    private static final Pattern SCENARIO_BASE_FILE = Pattern.compile("protocols/[^/]+/scenarios/[^/]+/_[^/]*\\.ya?ml");
    private static final Pattern ELIGIBILITY_FILE = Pattern.compile("protocols/[^/]+/scenarios/eligibility/[^/_][^/]*\\.ya?ml");
    private static final Pattern DOSING_FILE = Pattern.compile("protocols/[^/]+/scenarios/dosing/[^/_][^/]*\\.ya?ml");
    private static final Pattern RETREATMENT_FILE = Pattern.compile("protocols/[^/]+/scenarios/retreatment/[^/_][^/]*\\.ya?ml");
    private static final Pattern MONITORING_FILE = Pattern.compile("protocols/[^/]+/scenarios/monitoring/[^/_][^/]*\\.ya?ml");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private RulesSchemas() {
    }

    /**
     * The schema a YAML file of a bundle answers to, by its path in the bundle, or null for a file no schema
     * describes (a README, a DRL file, a YAML file in a folder the engine does not read).
     */
    public static String schemaFor(String bundlePath) {
        if (bundlePath.equals("bundle.yaml")) {
            return BUNDLE;
        }
        if (bundlePath.equals("terminology/antiretrovirals.yaml")) {
            return ANTIRETROVIRALS;
        }
        if (bundlePath.equals("terminology/conditions.yaml")) {
            return CONDITIONS;
        }
        if (bundlePath.equals("terminology/rhil7.yaml")) {
            return RHIL7;
        }
        if (PROTOCOL_FILE.matcher(bundlePath).matches()) {
            return PROTOCOL;
        }
        if (SCENARIO_BASE_FILE.matcher(bundlePath).matches()) {
            return SCENARIO_BASE;
        }
        if (ELIGIBILITY_FILE.matcher(bundlePath).matches()) {
            return ELIGIBILITY_SCENARIO;
        }
        if (DOSING_FILE.matcher(bundlePath).matches()) {
            return DOSING_SCENARIO;
        }
        if (RETREATMENT_FILE.matcher(bundlePath).matches()) {
            return RETREATMENT_SCENARIO;
        }
        if (MONITORING_FILE.matcher(bundlePath).matches()) {
            return MONITORING_SCENARIO;
        }
        return null;
    }

    /** Whether the packaged schemas include {@code schema} (one of the constants). */
    public static boolean exists(String schema) {
        return RulesSchemas.class.getClassLoader().getResource(ROOT + schema) != null;
    }

    /**
     * What is wrong with {@code tree} (as {@link org.il7cds.engine.rules.SafeYaml} loaded it) by {@code schema}:
     * one line per problem, each starting with the path of the value ({@code request.candidate.labs: ...}); empty
     * when the file is valid.
     */
    public static List<String> problems(String schema, Object tree) {
        Schema s = SCHEMAS.computeIfAbsent(schema, name -> REGISTRY.getSchema(SchemaLocation.of("classpath:" + ROOT + name)));
        JsonNode node = JSON.valueToTree(tree);
        return s.validate(node).stream().map(RulesSchemas::describe).distinct().toList();
    }

    private static String describe(Error e) {
        String at = path(e.getInstanceLocation().toString());
        return (at.isEmpty() ? "" : at + ": ") + e.getMessage();
    }

    /** A JSON pointer ("/request/candidate/cd4Counts/0") as the files' paths are written: request.candidate.cd4Counts[0]. */
    static String path(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty() || part.equals("$")) {
                continue;
            }
            String key = part.replace("~1", "/").replace("~0", "~");
            if (key.chars().allMatch(Character::isDigit)) {
                out.append('[').append(key).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(key);
            }
        }
        return out.toString();
    }
}
