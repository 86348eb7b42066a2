package org.il7cds.engine.scenarios;

import java.util.List;
import org.il7cds.engine.eligibility.Assessment;

/** The outcome of one scenario: passed, or each difference between what it expects and what the rules said. */
public record ScenarioResult(String file, String name, List<String> differences, Assessment assessment) {

    public ScenarioResult {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differences.isEmpty();
    }
}
