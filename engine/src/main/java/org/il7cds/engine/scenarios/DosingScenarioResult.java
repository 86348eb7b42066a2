package org.il7cds.engine.scenarios;

import java.util.List;
import org.il7cds.engine.dosing.DosingCalendar;

/**
 * The outcome of one dosing scenario: the common {@link ScenarioResult} (its assessment is null), the calendar
 * when one was produced, and the dosing rules that fired (for the rule catalogue).
 *
 * @param firedRules names of the protocol's dosing rules that fired, in firing order (also when the plan ended
 *     in an error)
 */
public record DosingScenarioResult(String protocolId, ScenarioResult result, DosingCalendar calendar,
        List<String> firedRules) {

    public DosingScenarioResult {
        firedRules = List.copyOf(firedRules);
    }

    public boolean passed() {
        return result.passed();
    }
}
