package org.il7cds.api.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.il7cds.api.support.Bodies.assessment;
import static org.il7cds.api.support.Bodies.eligibleCandidate;
import static org.il7cds.api.support.Bodies.lab;
import static org.il7cds.api.support.Bodies.list;
import static org.il7cds.api.support.Bodies.map;
import static org.il7cds.api.support.Bodies.toJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The directory-based install, as rules/README.md walks an informatician through it: the service runs with
 * --rules.dir, the informatician edits a file there, previews, activates with {"source":"directory"}, and the
 * next verdict uses the new threshold; no Java, no restart.
 */
class RulesDirectoryIT extends ApiIT {

    private static final String INFORMATICIAN = TestKeys.INFORMATICIAN.authorization();

    /** Rules administration calls carry the informatician's key (the other calls the default pharmacist's). */
    private HttpResponse<String> admin(String path, String body) {
        return post(path, body, "application/json", null, INFORMATICIAN);
    }


    private static final Path DIR = copyOfTheRules();

    @DynamicPropertySource
    static void rulesDir(DynamicPropertyRegistry registry) {
        registry.add("rules.dir", DIR::toString);
    }

    private static Path copyOfTheRules() {
        try {
            Path target = Files.createTempDirectory("il7cds-rules-");
            Path source = Path.of("../rules");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path rel = source.relativize(p);
                    if (rel.startsWith("target")) {
                        continue;
                    }
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target.resolve(rel.toString()));
                    } else {
                        Files.copy(p, target.resolve(rel.toString()));
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void edit(String file, String from, String to) throws IOException {
        Path p = DIR.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    private String verdictForCd4(int cd4) {
        var candidate = eligibleCandidate();
        candidate.put("cd4Counts", list(lab(cd4, "cells/uL")));
        HttpResponse<String> r = post("/v1/eligibility/assessments", toJson(assessment(candidate)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("verdict").asString();
    }

    @Test
    void anInformaticianChangesAThresholdInTheDirectoryPreviewsAndActivatesItWithoutARestart() throws IOException {
        assertThat(verdictForCd4(380)).isEqualTo("ELIGIBLE");
        String levy = "protocols/levy-2009/";
        edit(levy + "protocol.yaml", "max: { value: 400,", "max: { value: 350,");
        edit("bundle.yaml", "version: \"", "version: \"350-");
        edit(levy + "scenarios/eligibility/04-cd4-400-upper-bound.yaml", "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE");
        edit(levy + "scenarios/eligibility/04-cd4-400-upper-bound.yaml", "cd4-count: MET", "cd4-count: NOT_MET");
        edit(levy + "scenarios/eligibility/06-cd4-in-10e9-per-litre.yaml", "verdict: ELIGIBLE", "verdict: NOT_ELIGIBLE");
        edit(levy + "scenarios/eligibility/06-cd4-in-10e9-per-litre.yaml", "cd4-count: MET", "cd4-count: NOT_MET");

        HttpResponse<String> preview = admin("/v1/rules/previews", toJson(map("rules", map("source", "directory"))));
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(json(preview).path("verdictsChanged").asInt()).isPositive();
        assertThat(verdictForCd4(380)).as("a preview changes nothing").isEqualTo("ELIGIBLE");

        HttpResponse<String> activated = admin("/v1/rules/activations",
                toJson(map("source", "directory", "reason", "CD4 upper bound 350")));
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(json(activated).path("active").path("origin").asString()).isEqualTo("directory");
        assertThat(verdictForCd4(380)).isEqualTo("NOT_ELIGIBLE");
    }
}
