package org.il7cds.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/** GET /v1/protocols, /v1/protocols/{id}, /v1/rules/version, the served contract, Swagger UI and health. */
class ProtocolsApiIT extends ApiIT {

    @Test
    void listsTheProtocolsOfTheActiveRules() {
        HttpResponse<String> r = get("/v1/protocols", null);
        assertThat(r.statusCode()).isEqualTo(200);
        Contract.assertValid("GET", "/v1/protocols", r);
        JsonNode list = json(r);
        List<String> ids = new java.util.ArrayList<>();
        list.path("protocols").forEach(p -> {
            ids.add(p.path("id").asString());
            assertThat(p.path("criteriaCount").asInt()).as(p.path("id").asString()).isPositive();
        });
        assertThat(ids).containsExactly("a5214", "inspire-2", "inspire-3", "levy-2009");
    }

    @Test
    void showsAProtocolsCriteriaWithSourcesAssumptionsAndParameters() {
        HttpResponse<String> r = get("/v1/protocols/levy-2009", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        Contract.assertValid("GET", "/v1/protocols/levy-2009", r);
        JsonNode p = json(r);
        assertThat(p.path("citation").asString()).contains("2009");
        JsonNode cd4 = null;
        for (JsonNode c : p.path("criteria")) {
            assertThat(c.path("source").asString()).isNotBlank();
            if (c.path("id").asString().equals("cd4-count")) {
                cd4 = c;
            }
        }
        assertThat(cd4).isNotNull();
        assertThat(cd4.path("lab").asString()).isEqualTo("CD4_COUNT");
        assertThat(cd4.path("restsOnAssumption").asBoolean()).isTrue();
        JsonNode min = null;
        for (JsonNode param : cd4.path("parameters")) {
            if (param.path("name").asString().equals("min")) {
                min = param;
            }
        }
        assertThat(min.path("value").asInt()).isEqualTo(100);
        assertThat(min.path("unit").asString()).isEqualTo("cells/uL");
        assertThat(min.path("assumption").asBoolean()).isFalse();
    }

    @Test
    void anUnknownProtocolIsA404Problem() {
        assertProblem(get("/v1/protocols/levy-2010", null), 404, "unknown-protocol", "GET", "/v1/protocols/levy-2010");
    }

    @Test
    void tellsTheActiveRulesVersion() {
        HttpResponse<String> r = get("/v1/rules/version", null);
        assertThat(r.statusCode()).isEqualTo(200);
        Contract.assertValid("GET", "/v1/rules/version", r);
        assertThat(json(r).path("version").asString()).isNotBlank();
        assertThat(json(r).path("contentHash").asString()).startsWith("sha256:");
        List<String> ids = new java.util.ArrayList<>();
        json(r).path("protocols").forEach(p -> ids.add(p.asString()));
        assertThat(ids).containsExactly("a5214", "inspire-2", "inspire-3", "levy-2009");
    }

    @Test
    void servesTheContractItselfAsYamlAndAsApiDocs() throws Exception {
        String packaged;
        try (var in = getClass().getClassLoader().getResourceAsStream("static/openapi.yaml")) {
            packaged = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        HttpResponse<String> yaml = get("/openapi.yaml", null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).isEqualTo(packaged);
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode fromYaml = JSON.valueToTree(new Yaml().load(packaged));
        assertThat(json(docs)).isEqualTo(fromYaml);
    }

    @Test
    void servesSwaggerUiPointingAtTheContract() {
        assertThat(get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
        HttpResponse<String> config = get("/v3/api-docs/swagger-config", null);
        assertThat(json(config).path("url").asString()).isEqualTo("/openapi.yaml");
    }

    @Test
    void reportsHealth() {
        HttpResponse<String> r = get("/actuator/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("status").asString()).isEqualTo("UP");
    }
}
