package org.il7cds.engine.scenarios;

import java.util.List;
import org.il7cds.engine.eligibility.Assessment;

/**
 * The outcome of one scenario: passed, or each difference between what it expects and what the rules said.
 *
 * @param assessment the eligibility assessment of an eligibility scenario; null when the input was refused and
 *     for dosing calendar scenarios (see {@link DosingScenarioResult} for their calendar)
 */
public record ScenarioResult(String file, String name, List<String> differences, Assessment assessment) {

    public ScenarioResult {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differences.isEmpty();
    }
}
