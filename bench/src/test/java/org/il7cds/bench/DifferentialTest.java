package org.il7cds.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.CriterionResult;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.eligibility.Status;
import org.il7cds.engine.eligibility.Verdict;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.scenarios.EligibilityScenario;
import org.il7cds.engine.scenarios.EligibilityScenarios;
import org.junit.jupiter.api.Test;

/**
 * The engine (packaged rules, fixed clock) and the hand-written check must give the same verdict and the same
 * status for every criterion, on thousands of generated candidates clustered on the thresholds.
 *
 * <p>The seed is fixed so the build is reproducible; run another with
 * {@code mvn -pl bench -am verify -Ddifferential.seed=123 -Ddifferential.cases=50000} (surefire passes system
 * properties through). Every failure message starts with the seed and the case number.
 */
class DifferentialTest {

    private static final long DEFAULT_SEED = 20261126L;

    private final RuleSet rules = BenchFixtures.packagedRules();
    private final EligibilityEngine engine = BenchFixtures.engine(rules);
    private final HandWrittenLevy2009Check check = HandWrittenLevy2009Check.of(rules);

    @Test
    void engineAndHandWrittenCheckAgreeOnEveryGeneratedCandidate() {
        long seed = Long.getLong("differential.seed", DEFAULT_SEED);
        int n = Integer.getInteger("differential.cases", 5_000);
        System.out.println("DifferentialTest: seed=" + seed + " cases=" + n
                + " (reproduce with -Ddifferential.seed=" + seed + ")");
        CandidateGenerator generator = new CandidateGenerator(seed, BenchFixtures.TODAY);

        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        Map<String, Map<Status, Integer>> coverage = new LinkedHashMap<>();
        List<String> disagreements = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            CandidateGenerator.Case c = generator.next();
            Assessment engineSays;
            try {
                engineSays = engine.assess(c.candidate(), c.asOf());
            } catch (RuntimeException e) {
                fail("seed " + seed + " case " + i + ": the engine refused a generated candidate (a generator bug): "
                        + e.getMessage() + "\n" + c);
                return;
            }
            HandWrittenLevy2009Check.Result handSays = check.check(c.candidate(), c.asOf());
            Map<String, Status> engineStatuses = new LinkedHashMap<>();
            for (CriterionResult r : engineSays.criteria()) {
                engineStatuses.put(r.criterionId(), r.status());
                coverage.computeIfAbsent(r.criterionId(), k -> new EnumMap<>(Status.class)).merge(r.status(), 1,
                        Integer::sum);
            }
            verdicts.merge(engineSays.verdict(), 1, Integer::sum);
            if (engineSays.verdict() != handSays.verdict() || !engineStatuses.equals(handSays.statuses())) {
                disagreements.add("seed " + seed + " case " + i + ": engine " + engineSays.verdict() + " "
                        + differences(engineStatuses, handSays.statuses()) + " vs hand-written "
                        + handSays.verdict() + "\n    as of " + c.asOf() + ": " + c.candidate()
                        + "\n    engine explanation: " + engineSays.criteria().stream()
                                .filter(r -> r.status() != handSays.statuses().get(r.criterionId()))
                                .map(r -> r.criterionId() + " " + r.status() + " by '" + r.rule() + "' observed "
                                        + r.observed())
                                .toList());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("DifferentialTest: " + n + " cases in " + millis + " ms; verdicts " + verdicts);
        coverage.forEach((id, counts) -> System.out.println("  " + id + " " + counts));

        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " disagreement(s) between the engine and the hand-written check; first ones:\n"
                    + String.join("\n", disagreements.subList(0, Math.min(10, disagreements.size()))));
        }
        // The generator must actually reach every outcome, or the agreement above proves little.
        assertThat(verdicts.keySet()).as("verdicts reached").containsExactlyInAnyOrder(Verdict.values());
        if (n >= 1_000) {
            verdicts.forEach((v, count) -> assertThat(count).as("cases with verdict " + v).isGreaterThan(n / 50));
            assertThat(coverage).hasSize(HandWrittenLevy2009Check.KNOWN.size());
            coverage.forEach((id, counts) -> assertThat(counts.keySet()).as("statuses reached by " + id)
                    .containsExactlyInAnyOrder(Status.values()));
        }
    }

    @Test
    void handWrittenCheckMeetsEveryLevy2009ScenarioFileExpectation() {
        List<RuleProblem> problems = new ArrayList<>();
        List<EligibilityScenario> scenarios = EligibilityScenarios.read(rules.bundle(), problems);
        assertThat(problems).isEmpty();
        int checked = 0;
        for (EligibilityScenario s : scenarios) {
            if (!s.protocolId().equals("levy-2009") || s.expectsRefusal()) {
                continue; // the baseline is levy-2009's; refused input: validation is the engine's, not the baseline's
            }
            HandWrittenLevy2009Check.Result r = check.check(s.candidate(), s.asOf());
            if (s.expectedVerdict() != null) {
                assertThat(r.verdict()).as(s.file() + " verdict").isEqualTo(s.expectedVerdict());
            }
            s.expectedStatuses().forEach((id, status) ->
                    assertThat(r.statuses().get(id)).as(s.file() + " " + id).isEqualTo(status));
            checked++;
        }
        assertThat(checked).isGreaterThan(30);
    }

    private static String differences(Map<String, Status> engine, Map<String, Status> hand) {
        Map<String, String> diff = new LinkedHashMap<>();
        engine.forEach((id, s) -> {
            if (s != hand.get(id)) {
                diff.put(id, s + " (hand-written " + hand.get(id) + ")");
            }
        });
        hand.keySet().stream().filter(id -> !engine.containsKey(id)).forEach(id -> diff.put(id, "missing in engine"));
        return diff.toString();
    }
}
