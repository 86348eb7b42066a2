package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.il7cds.engine.eligibility.PreviousCycle;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.schema.RulesSchemas;

/**
 * Reads one eligibility scenario file (schema rules/schema/eligibility-scenario.schema.json): {@code request} is an
 * AssessmentRequest exactly as the API takes it, optionally changing a {@code base} file's candidate; or one
 * re-treatment scenario file (retreatment-scenario.schema.json): {@code request} is a RetreatmentRequest, the same
 * candidate with the course history ({@code previousCycles}), and {@code expect.decision} stands for the verdict.
 */
final class EligibilityScenarioReader {

    private EligibilityScenarioReader() {
    }

    /**
     * The scenario, or null (and its problems) when the file cannot be read.
     *
     * @param retreatment whether the file is a re-treatment scenario ({@code scenarios/retreatment/})
     */
    static EligibilityScenario read(RuleBundle bundle, String path, String protocol, boolean retreatment,
            List<RuleProblem> problems) {
        int before = problems.size();
        Map<?, ?> root = ScenarioFiles.load(bundle, path,
                retreatment ? RulesSchemas.RETREATMENT_SCENARIO : RulesSchemas.ELIGIBILITY_SCENARIO, problems);
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
        CandidateReader.Read c = candidate == null ? null : CandidateReader.read(candidate, v, "request.candidate.",
                retreatment ? RequestFields.RETREATMENT : RequestFields.ASSESSMENT);
        Map<?, ?> expect = (Map<?, ?>) root.get("expect");
        Verdict verdict = retreatment ? verdictOf(v.text(expect.get("decision")))
                : v.constant(Verdict.class, expect.get("verdict"), "expect.verdict");
        Map<String, Status> statuses = v.entries(expect.get("criteria"), "expect.criteria",
                (x, at) -> v.constant(Status.class, x, at));
        ExpectedError error = ScenarioFiles.error(v, expect.get("error"), "expect.error");
        if (error != null && error.kind() != null && error.kind() != ErrorKind.INVALID_INPUT) {
            v.error("'expect.error.kind': " + (retreatment ? "a re-treatment decision" : "an assessment")
                    + " is refused only as invalid-input, not " + error.kind().label());
        }
        EligibilityScenario.Retreatment course = retreatment ? new EligibilityScenario.Retreatment(
                cycles(v, request.get("previousCycles")), v.date(expect.get("earliestDate"), "expect.earliestDate"))
                : null;
        if (problems.size() > before) {
            return null;
        }
        return new EligibilityScenario(path, Objects.toString(root.get("name"), path),
                request.get("protocolId") == null ? protocol : String.valueOf(request.get("protocolId")),
                asOf == null ? today : asOf, today == null ? asOf : today, c.candidate(), verdict, statuses,
                v.entries(expect.get("rules"), "expect.rules", (x, at) -> v.text(x)),
                v.entries(expect.get("settleBy"), "expect.settleBy", (x, at) -> v.text(x)), error, c.fields(), course);
    }

    /** {@code request.previousCycles} as the API's PreviousCycle list; null when absent (the history is unknown). */
    private static List<PreviousCycle> cycles(ScenarioValues v, Object value) {
        return v.each(value, "request.previousCycles", (x, at) -> {
            Map<?, ?> cycle = v.map(x, at);
            return cycle == null ? null : new PreviousCycle(v.text(cycle.get("protocolId")),
                    v.decimal(cycle.get("doseLevelUgPerKg"), at + ".doseLevelUgPerKg"),
                    v.each(cycle.get("doseDates"), at + ".doseDates", v::date));
        });
    }

    /** The verdict a re-treatment decision stands for (the schema has checked the name). */
    private static Verdict verdictOf(String decision) {
        return decision == null ? null : switch (decision) {
            case "INDICATED" -> Verdict.ELIGIBLE;
            case "NOT_INDICATED" -> Verdict.NOT_ELIGIBLE;
            default -> Verdict.INCOMPLETE;
        };
    }
}
