package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.course.MonitoringRequest;

/**
 * One monitoring scenario file ({@code protocols/<id>/scenarios/monitoring/*.yaml}, schema
 * rules/schema/monitoring-scenario.schema.json): a MonitoringRequest as the API takes it (the doses given, the
 * candidate's HIV-1 RNA results) and what the monitoring rules must answer. Only what the file states is checked.
 *
 * @param today the day the answer is made on (the clock of the run); defaults to the request's asOf
 * @param fields the request's names of the engine's fields, for refusals
 */
public record MonitoringScenario(String file, String name, String protocolId, LocalDate today,
        MonitoringRequest request, Expected expected, RequestFields fields) {

    /**
     * What the answer must show (null or empty: not checked), or, when {@code error} is set, the refusal instead.
     *
     * @param results the class of the result of each listed sample date
     * @param rules the rule that classified the result of each listed sample date
     * @param actions when not null, exactly these actions ("ACTION by YYYY-MM-DD"), in due order
     * @param visits texts ("YYYY-MM-DD ACTION", "YYYY-MM-DD SCHEDULED label") the answer's visits must contain, each
     * @param stopIl7 when not null, whether the answer says to stop IL-7
     */
    public record Expected(Map<LocalDate, String> results, Map<LocalDate, String> rules, List<String> actions,
            List<String> visits, Boolean stopIl7, ExpectedError error) {
    }
}
