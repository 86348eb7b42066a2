package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.il7cds.engine.course.MonitoringRequest;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.schema.RulesSchemas;
import org.il7cds.engine.scenarios.MonitoringScenario.Expected;

/**
 * Reads one monitoring scenario file (schema rules/schema/monitoring-scenario.schema.json): {@code request} is a
 * MonitoringRequest exactly as the API takes it, its candidate optionally changing a {@code base} file's.
 */
final class MonitoringScenarioReader {

    private MonitoringScenarioReader() {
    }

    /** The scenario, or null (and its problems) when the file cannot be read. */
    static MonitoringScenario read(RuleBundle bundle, String path, String protocol, List<RuleProblem> problems) {
        int before = problems.size();
        Map<?, ?> root = ScenarioFiles.load(bundle, path, RulesSchemas.MONITORING_SCENARIO, problems);
        if (root == null) {
            return null;
        }
        ScenarioValues v = new ScenarioValues(path, problems);
        Map<?, ?> req = (Map<?, ?>) root.get("request");
        LocalDate asOf = v.date(req.get("asOf"), "request.asOf");
        LocalDate today = v.date(root.get("today"), "today");
        if (asOf == null && today == null && problems.size() == before) {
            v.error("give 'request.asOf' or 'today': the date the answer is made as of");
        }
        Map<String, Object> candidate = ScenarioFiles.candidate(bundle, path, root.get("base"), req.get("candidate"),
                problems);
        CandidateReader.Read c = candidate == null ? null
                : CandidateReader.read(candidate, v, "request.candidate.", RequestFields.MONITORING);
        String protocolId = req.get("protocolId") == null ? protocol : v.text(req.get("protocolId"));
        List<LocalDate> doseDates = v.each(req.get("doseDates"), "request.doseDates", v::date);
        Map<?, ?> e = (Map<?, ?>) root.get("expect");
        Expected expected = new Expected(dated(v, e.get("results"), "expect.results"),
                dated(v, e.get("rules"), "expect.rules"),
                v.each(e.get("actions"), "expect.actions", (x, at) -> v.text(x)),
                v.each(e.get("visits"), "expect.visits", (x, at) -> v.text(x)),
                v.bool(e.get("stopIl7"), "expect.stopIl7"), ScenarioFiles.error(v, e.get("error"), "expect.error"));
        if (expected.error() != null && expected.error().kind() != null
                && expected.error().kind() != ErrorKind.INVALID_INPUT) {
            v.error("'expect.error.kind': a monitoring request is refused only as invalid-input, not "
                    + expected.error().kind().label());
        }
        if (problems.size() > before) {
            return null;
        }
        return new MonitoringScenario(path, Objects.toString(root.get("name"), path), protocolId,
                today == null ? asOf : today, new MonitoringRequest(protocolId, c.candidate(), doseDates, asOf),
                expected, c.fields());
    }

    /** A mapping of sample dates to text, in file order. */
    private static Map<LocalDate, String> dated(ScenarioValues v, Object value, String at) {
        Map<LocalDate, String> out = new LinkedHashMap<>();
        v.entries(value, at, (x, p) -> v.text(x)).forEach((date, text) -> out.put(v.date(date, at + " (a date)"), text));
        return out;
    }
}
