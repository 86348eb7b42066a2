package org.il7cds.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.il7cds.api.support.ApiIT;
import org.il7cds.api.support.Contract;
import org.il7cds.api.support.TestJwt;
import org.il7cds.api.support.TestKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation against every kind of caller: no credential and bad credentials get 401, a valid credential
 * without the role 403, one with the role passes security (any status but 401 and 403: the bodies are minimal, so
 * 400 or, for the rules-administration operations not merged yet, 404 are passes). Each role is tried with its API
 * key and with a JWT carrying it. 403 must come before 404: a role that may not administer rules never learns
 * whether an administration path exists.
 */
class SecurityMatrixIT extends ApiIT {

    enum Caller {
        NONE, BAD_API_KEY, BAD_X_API_KEY, BAD_BEARER, SCREENER, PHARMACIST, INFORMATICIAN, AUDITOR, CUSTODIAN
    }

    private static final Set<Caller> ROLES = EnumSet.of(Caller.SCREENER, Caller.PHARMACIST, Caller.INFORMATICIAN,
            Caller.AUDITOR, Caller.CUSTODIAN);

    /** One operation, the roles that may use it; public operations let everybody but bad credentials in. */
    record Op(String method, String path, String body, boolean documented, boolean isPublic, Set<Caller> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Op op(String method, String path, boolean documented, Caller... allowed) {
        return new Op(method, path, method.equals("POST") ? "{}" : null, documented, false,
                allowed.length == 0 ? EnumSet.noneOf(Caller.class) : EnumSet.copyOf(List.of(allowed)));
    }

    private static Op open(String path) {
        return new Op("GET", path, null, false, true, ROLES);
    }

    static List<Op> operations() {
        Caller[] everyRole = ROLES.toArray(Caller[]::new);
        return List.of(
                op("POST", "/v1/eligibility/assessments", true, Caller.SCREENER, Caller.PHARMACIST),
                op("POST", "/v1/eligibility/assessments/batch", true, Caller.SCREENER, Caller.PHARMACIST),
                op("POST", "/v1/eligibility/protocol-assessments", true, Caller.SCREENER, Caller.PHARMACIST),
                op("POST", "/v1/course/retreatment-decisions", true, Caller.SCREENER),
                op("POST", "/v1/course/monitoring-assessments", true, Caller.SCREENER),
                op("POST", "/v1/dosing/calendars", true, Caller.PHARMACIST),
                op("POST", "/v1/dosing/cycle-calendars", true, Caller.PHARMACIST),
                op("GET", "/v1/protocols", true, everyRole),
                op("GET", "/v1/protocols/levy-2009", true, everyRole),
                op("GET", "/v1/rules/version", true, everyRole),
                // Rules administration (merged from main later; 404 until then).
                op("POST", "/v1/rules/validations", false, Caller.INFORMATICIAN),
                op("POST", "/v1/rules/previews", false, Caller.INFORMATICIAN),
                op("POST", "/v1/rules/activations", false, Caller.INFORMATICIAN),
                op("GET", "/v1/rules/versions", false, Caller.INFORMATICIAN, Caller.AUDITOR),
                op("POST", "/v1/rules/rollbacks", false, Caller.INFORMATICIAN),
                op("GET", "/v1/rules/versions/1", false, Caller.INFORMATICIAN, Caller.AUDITOR),
                op("POST", "/v1/rules/versions/1/activations", false, Caller.INFORMATICIAN),
                op("GET", "/v1/rules/diffs?from=1&to=1", false, Caller.INFORMATICIAN, Caller.AUDITOR),
                op("GET", "/v1/rules/proposals", false, Caller.INFORMATICIAN, Caller.AUDITOR),
                op("GET", "/v1/rules/proposals/1", false, Caller.INFORMATICIAN, Caller.AUDITOR),
                op("POST", "/v1/rules/proposals/1/approval", false, Caller.INFORMATICIAN),
                op("POST", "/v1/rules/proposals/1/withdrawal", false, Caller.INFORMATICIAN),
                op("DELETE", "/v1/rules/version", false, Caller.INFORMATICIAN),
                // Decision records (no such record: 404 once past security; an empty purge: 400).
                op("GET", "/v1/decisions", true, Caller.AUDITOR),
                op("GET", "/v1/decisions/chain", true, Caller.AUDITOR),
                op("GET", "/v1/decisions/00000000-0000-4000-8000-000000000000", true, Caller.AUDITOR),
                op("POST", "/v1/decisions/00000000-0000-4000-8000-000000000000/replay", true, Caller.AUDITOR,
                        Caller.INFORMATICIAN),
                op("POST", "/v1/decisions/purges", true, Caller.CUSTODIAN),
                op("GET", "/v1/dosing/calendars/cal-0000000000000000", true, Caller.PHARMACIST),
                // Deny by default: nothing allows these.
                op("GET", "/v1/nothing-here", false),
                op("GET", "/v1", false),
                op("POST", "/v1/protocols", false),
                op("GET", "/actuator/env", false),
                op("GET", "/error", false),
                open("/actuator/health"),
                open("/actuator/health/liveness"),
                open("/openapi.yaml"),
                open("/v3/api-docs"),
                open("/swagger-ui/index.html"),
                open("/swagger-ui.html"),
                // The pages and their assets hold no data (the API calls they make need the credential).
                open("/"),
                open("/screening"),
                open("/pharmacy"),
                open("/assets/common.js"),
                // Metrics for operators.
                op("GET", "/actuator/prometheus", false, Caller.AUDITOR));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Op op : operations()) {
            for (Caller caller : Caller.values()) {
                rows.add(Arguments.of(op, caller, expected(op, caller)));
            }
        }
        return rows.stream();
    }

    /** 401, 403, or 0 for "passes security". */
    private static int expected(Op op, Caller caller) {
        return switch (caller) {
            case BAD_API_KEY, BAD_X_API_KEY, BAD_BEARER -> 401;
            case NONE -> op.isPublic() ? 0 : 401;
            default -> op.allowed().contains(caller) ? 0 : 403;
        };
    }

    private static List<String[]> credentials(Caller caller) {
        return switch (caller) {
            case NONE -> List.<String[]>of(new String[0]);
            case BAD_API_KEY -> List.<String[]>of(new String[] {"Authorization", "ApiKey il7_no-such-key"});
            case BAD_X_API_KEY -> List.<String[]>of(new String[] {"X-API-Key", "il7_no-such-key"});
            case BAD_BEARER -> List.<String[]>of(new String[] {"Authorization", "Bearer not.a.token"});
            default -> {
                TestKeys key = TestKeys.valueOf(caller.name());
                yield List.of(new String[] {"Authorization", key.authorization()},
                        new String[] {"Authorization", TestJwt.bearer(List.of(caller.name().toLowerCase()))});
            }
        };
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void enforcesTheRoleTable(Op op, Caller caller, int expected) {
        for (String[] header : credentials(caller)) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(op.path())).timeout(Duration.ofSeconds(30))
                    .method(op.method(), op.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(op.body()));
            if (op.body() != null) {
                b.header("Content-Type", "application/json");
            }
            if (header.length == 2) {
                b.header(header[0], header[1]);
            }
            HttpResponse<String> r = send(b.build());
            String as = op + " as " + caller + (header.length == 2 ? " (" + header[1].split(" ")[0] + ")" : "");
            if (expected == 0) {
                assertThat(r.statusCode()).as(as + ": " + r.body()).isNotIn(401, 403);
                assertThat(r.statusCode()).as(as).isLessThan(500);
            } else {
                assertThat(r.statusCode()).as(as + ": " + r.body()).isEqualTo(expected);
                assertThat(contentType(r)).as(as).startsWith(PROBLEM_JSON);
                assertThat(json(r).path("type").asString()).isEqualTo(PROBLEMS
                        + (expected == 401 ? "unauthorized" : "forbidden"));
                if (expected == 401) {
                    assertThat(r.headers().allValues("WWW-Authenticate")).as(as).isNotEmpty();
                }
                if (op.documented()) {
                    Contract.assertValid(op.method(), op.path(), r);
                }
            }
        }
    }
}
