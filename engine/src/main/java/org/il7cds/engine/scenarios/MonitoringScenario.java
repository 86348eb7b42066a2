package org.il7cds.engine.scenarios;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.course.MonitoringRequest;

/**
 * One monitoring scenario file ({@code protocols/<id>/scenarios/monitoring/*.yaml}): the doses given, the HIV-1 RNA
 * results and what the monitoring rules must answer. Only what the file states is checked.
 *
 * @param expectedResults the class of the result of each listed sample date
 * @param expectedRules the rule that classified the result of each listed sample date
 * @param expectedActions when not null, exactly these actions ("ACTION by YYYY-MM-DD"), in due order
 * @param expectedVisits texts ("YYYY-MM-DD ACTION") the answer's visits must contain, each
 * @param expectedStopIl7 when not null, whether the answer says to stop IL-7
 */
public record MonitoringScenario(String file, String name, String protocolId, LocalDate today,
        MonitoringRequest request, Map<LocalDate, String> expectedResults, Map<LocalDate, String> expectedRules,
        List<String> expectedActions, List<String> expectedVisits, Boolean expectedStopIl7,
        List<String> expectedErrorFields) {
}
