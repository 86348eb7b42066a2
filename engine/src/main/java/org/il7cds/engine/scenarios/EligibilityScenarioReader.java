package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.schema.RulesSchemas;

/**
 * Reads one eligibility scenario file (schema rules/schema/eligibility-scenario.schema.json): {@code request} is an
 * AssessmentRequest exactly as the API takes it, optionally changing a {@code base} file's candidate.
 */
final class EligibilityScenarioReader {

    private EligibilityScenarioReader() {
    }

    /** The scenario, or null (and its problems) when the file cannot be read. */
    static EligibilityScenario read(RuleBundle bundle, String path, String protocol, List<RuleProblem> problems) {
        int before = problems.size();
        Map<?, ?> root = ScenarioFiles.load(bundle, path, RulesSchemas.ELIGIBILITY_SCENARIO, problems);
        if (root == null) {
            return null;
        }
        ScenarioValues v = new ScenarioValues(path, problems);
        Map<?, ?> request = (Map<?, ?>) root.get("request");
        LocalDate asOf = v.date(request.get("asOf"), "request.asOf");
        LocalDate today = v.date(root.get("today"), "today");
        if (asOf == null && today == null && problems.size() == before) {
            v.error("give 'request.asOf' or 'today': the date the case is assessed as of");
        }
        Map<String, Object> candidate = ScenarioFiles.candidate(bundle, path, root.get("base"), request.get("candidate"),
                problems);
        CandidateReader.Read c = candidate == null ? null
                : CandidateReader.read(candidate, v, "request.candidate.", RequestFields.ASSESSMENT);
        Map<?, ?> expect = (Map<?, ?>) root.get("expect");
        Verdict verdict = v.constant(Verdict.class, expect.get("verdict"), "expect.verdict");
        Map<String, Status> statuses = v.entries(expect.get("criteria"), "expect.criteria",
                (x, at) -> v.constant(Status.class, x, at));
        ExpectedError error = ScenarioFiles.error(v, expect.get("error"), "expect.error");
        if (error != null && error.kind() != null && error.kind() != ErrorKind.INVALID_INPUT) {
            v.error("'expect.error.kind': an assessment is refused only as invalid-input, not " + error.kind().label());
        }
        if (problems.size() > before) {
            return null;
        }
        return new EligibilityScenario(path, Objects.toString(root.get("name"), path),
                request.get("protocolId") == null ? protocol : String.valueOf(request.get("protocolId")),
                asOf == null ? today : asOf, today == null ? asOf : today, c.candidate(), verdict, statuses,
                v.entries(expect.get("rules"), "expect.rules", (x, at) -> v.text(x)),
                v.entries(expect.get("settleBy"), "expect.settleBy", (x, at) -> v.text(x)), error, c.fields());
    }
}
