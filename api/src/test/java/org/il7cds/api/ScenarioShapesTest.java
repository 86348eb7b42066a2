package org.il7cds.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.il7cds.api.dosing.DosingMapper;
import org.il7cds.api.eligibility.EligibilityMapper;
import org.il7cds.api.generated.model.AssessmentRequestDto;
import org.il7cds.api.generated.model.CalendarRequestDto;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.SafeYaml;
import org.il7cds.engine.scenarios.DosingScenarios;
import org.il7cds.engine.scenarios.EligibilityScenarios;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A clinic's request pasted into a scenario is read as the API reads it: openapi.yaml's request examples, mapped by
 * the api's mappers and read by the engine's scenario reader, give equal candidates and calendar requests.
 */
class ScenarioShapesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LEVY = "protocols/levy-2009/scenarios/";

    @Test
    void theOpenApiRequestExamplesReadAsScenariosAreWhatTheMappersMakeOfThem() throws IOException {
        Map<?, ?> paths = (Map<?, ?>) ((Map<?, ?>) SafeYaml.create().load(Files.readString(Path.of("..", "openapi.yaml"))))
                .get("paths");
        Object assessment = example(paths, "/v1/eligibility/assessments");
        Object calendar = example(paths, "/v1/dosing/calendars");
        Map<String, String> files = new LinkedHashMap<>();
        RuleBundle.fromClasspath().files().forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
        files.put(LEVY + "eligibility/99-pasted.yaml", scenario(assessment, "verdict: ELIGIBLE"));
        files.put(LEVY + "dosing/99-pasted.yaml", scenario(calendar, "eligibility: ELIGIBLE"));
        RuleBundle bundle = RuleBundle.of(files, "test");
        List<RuleProblem> problems = new ArrayList<>();
        var eligibility = EligibilityScenarios.read(bundle, problems).stream()
                .filter(s -> s.file().endsWith("99-pasted.yaml")).findFirst().orElseThrow();
        var dosing = DosingScenarios.read(bundle, problems).stream()
                .filter(s -> s.file().endsWith("99-pasted.yaml")).findFirst().orElseThrow();
        assertThat(problems).isEmpty();

        AssessmentRequestDto a = JSON.readValue(JSON.writeValueAsString(assessment), AssessmentRequestDto.class);
        assertThat(eligibility.candidate()).isEqualTo(EligibilityMapper.toCandidate(a.getCandidate(), "candidate.")
                .candidate());
        assertThat(eligibility.asOf()).isEqualTo(a.getAsOf());
        CalendarRequestDto c = JSON.readValue(JSON.writeValueAsString(calendar), CalendarRequestDto.class);
        assertThat(dosing.request()).isEqualTo(DosingMapper.toRequest(c).request());
    }

    private static Object example(Map<?, ?> paths, String path) {
        Map<?, ?> post = (Map<?, ?>) ((Map<?, ?>) paths.get(path)).get("post");
        Map<?, ?> json = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) post.get("requestBody")).get("content"))
                .get("application/json");
        return json.get("example");
    }

    private static String scenario(Object request, String expect) {
        return "name: \"a clinic's request, pasted\"\nrequest: " + JSON.writeValueAsString(request) + "\nexpect:\n  "
                + expect + "\n";
    }
}
