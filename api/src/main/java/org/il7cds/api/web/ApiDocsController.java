package org.il7cds.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.il7cds.engine.rules.SafeYaml;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the contract: {@code /openapi.yaml} is the repository's openapi.yaml, packaged unchanged at build time
 * (Swagger UI reads it), and {@code /v3/api-docs} is the same document as JSON. Nothing is derived from the
 * code, so the docs can never drift from the contract the server was generated from.
 */
@RestController
class ApiDocsController {

    static final MediaType APPLICATION_YAML = MediaType.parseMediaType("application/yaml");

    private final String yaml;
    private final byte[] json;

    ApiDocsController(JsonMapper mapper) {
        try (InputStream in = new ClassPathResource("static/openapi.yaml").getInputStream()) {
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.yaml is not packaged in the service", e);
        }
        Object tree = SafeYaml.create().load(yaml); // the project's one YAML reader: dates stay text
        this.json = mapper.writeValueAsBytes(tree);
    }

    @GetMapping(value = "/openapi.yaml", produces = {"application/yaml", "text/yaml", "text/plain"})
    ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(new MediaType(APPLICATION_YAML, StandardCharsets.UTF_8)).body(yaml);
    }

    @GetMapping(value = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> apiDocs() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }
}
