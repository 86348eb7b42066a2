package org.il7cds.api.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.il7cds.api.support.ApiIT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The pages over HTTP: served without a credential, under a strict policy; unknown paths stay 404 problems. */
class PagesHttpIT extends ApiIT {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/screening", "/pharmacy"})
    void eachPageIsHtmlUnderAPolicyThatRunsOnlyTheServicesOwnScriptsAndStyles(String path) {
        HttpResponse<String> r = get(path, "text/html", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(contentType(r)).startsWith("text/html").contains("UTF-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; script-src 'self';"
                + " style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // No inline script or style, no other origin (the policy would block them anyway).
        assertThat(r.body()).contains("<html lang=\"en\">").doesNotContainPattern("<script(?![^>]*\\bsrc=\"/assets/)")
                .doesNotContain("<style", " style=", "onclick", "http://", "https://");
    }

    @Test
    void assetsAreServedWithTheirMediaTypes() {
        assertThat(contentType(get("/assets/common.js", null, null))).startsWith("text/javascript");
        assertThat(contentType(get("/assets/app.css", null, null))).startsWith("text/css");
        assertThat(contentType(get("/assets/favicon.svg", null, null))).startsWith("image/svg+xml");
    }

    @Test
    void aPathLeavingTheAssetsIsRefused() {
        HttpResponse<String> r = get("/assets/../application.yaml", null, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("il7cds:", "api-keys");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/nothing.js", "/index.html", "/static/openapi.yaml", "/pages/index.html"})
    void unknownPathsAreStill404ProblemsOr401(String path) {
        HttpResponse<String> r = get(path, null, null);
        // A path outside the pages needs a credential (deny by default): 401 before anything is looked up.
        assertThat(r.statusCode()).as(path).isIn(401, 404);
        assertThat(contentType(r)).startsWith(PROBLEM_JSON);
    }

    @Test
    void anUnknownAssetIsA404Problem() {
        assertProblem(get("/assets/nothing.js", null, null), 404, "not-found", null, null);
    }
}
