package org.il7cds.api.eligibility;

import java.net.http.HttpResponse;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.HostileJson;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies (seeded, reproducible) against the eligibility POST operations: never a 5xx, and every 4xx is a
 * problem+json with one of the documented types. The dosing operation is fuzzed in CalendarApiIT, because a body
 * that happens to be valid reaches the dosing engine.
 */
class FuzzIT extends ApiIT {

    @Test
    void hostileSingleAssessmentsNeverYieldA5xx() {
        HostileJson gen = new HostileJson(20261126L);
        for (int i = 0; i < 1500; i++) {
            String body = gen.assessmentBody();
            assertHandled(post("/v1/eligibility/assessments", body), "case " + i + ": " + HostileJson.abbreviate(body));
        }
    }

    @Test
    void hostileBatchesNeverYieldA5xx() {
        HostileJson gen = new HostileJson(7L);
        for (int i = 0; i < 1000; i++) {
            String body = gen.batchBody();
            assertHandled(post("/v1/eligibility/assessments/batch", body), "case " + i + ": " + HostileJson.abbreviate(body));
        }
    }
}
