package org.il7cds.engine.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.SafeYaml;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario files write their requests exactly as the API takes them: every request example of openapi.yaml, pasted
 * under {@code request:}, is a scenario the reader accepts; and rules/schema/request.schema.json, the shapes the
 * scenario schemas refer to, is openapi.yaml's components, copied.
 */
class RequestShapesTest {

    private static final Path OPENAPI = Path.of("..", "openapi.yaml");
    private static final Path REQUEST_SCHEMA = Path.of("..", "rules", "schema", "request.schema.json");
    private static final String LEVY = "protocols/levy-2009/scenarios/";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void everyAssessmentAndCalendarRequestExampleOfTheApiIsAScenario() throws IOException {
        Map<String, List<Map<?, ?>>> examples = requestExamples();
        assertThat(examples.get("AssessmentRequest")).isNotEmpty();
        assertThat(examples.get("CalendarRequest")).isNotEmpty();
        Map<String, String> files = new LinkedHashMap<>();
        RuleBundle.fromClasspath().files().forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
        Map<String, Map<?, ?>> pasted = new LinkedHashMap<>();
        int n = 0;
        for (Map<?, ?> example : examples.get("AssessmentRequest")) {
            String file = LEVY + "eligibility/99-openapi-example-" + n++ + ".yaml";
            files.put(file, scenario(example, "verdict: ELIGIBLE"));
            pasted.put(file, example);
        }
        for (Map<?, ?> example : examples.get("CalendarRequest")) {
            String file = LEVY + "dosing/99-openapi-example-" + n++ + ".yaml";
            files.put(file, scenario(example, "eligibility: ELIGIBLE"));
            pasted.put(file, example);
        }
        RuleBundle bundle = RuleBundle.of(files, "test");
        List<RuleProblem> problems = new ArrayList<>();
        List<EligibilityScenario> eligibility = EligibilityScenarios.read(bundle, problems);
        List<DosingScenario> dosing = DosingScenarios.read(bundle, problems);
        assertThat(problems).isEmpty();
        pasted.forEach((file, example) -> {
            Map<?, ?> candidate = (Map<?, ?>) example.get("candidate");
            var read = file.contains("/eligibility/")
                    ? eligibility.stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow().candidate()
                    : dosing.stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow().request().candidate();
            assertThat(read.pseudonymId()).isEqualTo(candidate.get("pseudonymId"));
            assertThat(read.labs()).as(file).hasSize(List.of("cd4Counts", "cd4Percents", "hivRna", "neutrophils",
                    "haemoglobin", "platelets", "creatinine").stream()
                    .mapToInt(k -> candidate.get(k) instanceof List<?> l ? l.size() : 0).sum());
        });
    }

    @Test
    void theRequestShapesOfTheScenarioSchemasAreOpenApisComponents() throws IOException {
        Map<?, ?> components = (Map<?, ?>) ((Map<?, ?>) openApi().get("components")).get("schemas");
        JsonNode defs = JSON.readTree(Files.readString(REQUEST_SCHEMA)).get("$defs");
        assertThat(defs.propertyNames()).isNotEmpty();
        for (String name : defs.propertyNames()) {
            Object api = asJsonSchema(components.get(name));
            if (name.equals("Candidate")) {
                ((Map<?, ?>) api).remove("required"); // a scenario's base file gives the pseudonymId
            }
            if (name.equals("CalendarRequest")) {
                // A scenario gives its candidate in the API's JSON shape, never as a FHIR Bundle (the FHIR mapping has
                // its own tests, api FhirAssessmentIT): candidateBundle is the API's alternative to candidate.
                @SuppressWarnings("unchecked")
                Map<String, Object> calendar = (Map<String, Object>) api;
                ((Map<?, ?>) calendar.get("properties")).remove("candidateBundle");
                List<Object> required = new java.util.ArrayList<>((List<?>) calendar.get("required"));
                // A scenario states its weight as fields; only the FHIR form may take it from candidateBundle's body
                // weight, which is why the API does not require them (and describes when they may be absent).
                Map<?, ?> properties = (Map<?, ?>) calendar.get("properties");
                ((Map<?, ?>) properties.get("weightKg")).remove("description");
                ((Map<?, ?>) properties.get("weightMeasuredOn")).remove("description");
                required.addAll(1, List.of("weightKg", "weightMeasuredOn"));
                required.add("candidate");
                calendar.put("required", required);
            }
            assertThat(JSON.readTree(JSON.writeValueAsString(api))).as(name).isEqualTo(defs.get(name));
        }
    }

    /** An OpenAPI 3.0 schema as JSON Schema 2020-12: refs within $defs, exclusive bounds as numbers, no examples. */
    @SuppressWarnings("unchecked")
    private static Object asJsonSchema(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!k.equals("example")) {
                    out.put(String.valueOf(k), asJsonSchema(v));
                }
            });
            if (Boolean.TRUE.equals(out.get("exclusiveMinimum"))) {
                out.put("exclusiveMinimum", out.remove("minimum"));
            }
            return out;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(RequestShapesTest::asJsonSchema).toList();
        }
        if (node instanceof String s && s.startsWith("#/components/schemas/")) {
            return "#/$defs/" + s.substring("#/components/schemas/".length());
        }
        return node;
    }

    private static String scenario(Map<?, ?> request, String expect) {
        return "name: \"an openapi.yaml example pasted as it is\"\nrequest: " + JSON.writeValueAsString(request)
                + "\nexpect:\n  " + expect + "\n";
    }

    private static Map<?, ?> openApi() throws IOException {
        return (Map<?, ?>) SafeYaml.create().load(Files.readString(OPENAPI));
    }

    /** The examples of every request body whose schema is AssessmentRequest or CalendarRequest. */
    private static Map<String, List<Map<?, ?>>> requestExamples() throws IOException {
        Map<String, List<Map<?, ?>>> out = new LinkedHashMap<>();
        out.put("AssessmentRequest", new ArrayList<>());
        out.put("CalendarRequest", new ArrayList<>());
        ((Map<?, ?>) openApi().get("paths")).values().forEach(path -> ((Map<?, ?>) path).values().forEach(op -> {
            if (op instanceof Map<?, ?> o && o.get("requestBody") instanceof Map<?, ?> body
                    && body.get("content") instanceof Map<?, ?> content
                    && content.get("application/json") instanceof Map<?, ?> json
                    && json.get("schema") instanceof Map<?, ?> schema && schema.get("$ref") instanceof String ref) {
                List<Map<?, ?>> list = out.get(ref.substring(ref.lastIndexOf('/') + 1));
                if (list == null) {
                    return;
                }
                if (json.get("example") instanceof Map<?, ?> e) {
                    list.add(e);
                }
                if (json.get("examples") instanceof Map<?, ?> named) {
                    named.values().forEach(x -> {
                        if (x instanceof Map<?, ?> ex && ex.get("value") instanceof Map<?, ?> v) {
                            list.add(v);
                        }
                    });
                }
            }
        }));
        return out;
    }
}
