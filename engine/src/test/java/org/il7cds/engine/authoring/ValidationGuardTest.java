package org.il7cds.engine.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.il7cds.engine.rules.RuleProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds around every validation: the caller waits at most the time limit, a validation stops when the heap is
 * nearly full, a busy validator answers at once, and what the work throws becomes a finding. The work here is a real
 * task on the real worker thread, blocked on a latch where a runaway bundle would be busy.
 */
class ValidationGuardTest {

    private static final RulesValidator.Limits MINUTE = new RulesValidator.Limits(Duration.ofSeconds(60), 1.0);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheWorker() throws InterruptedException {
        release.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ValidationGuard.idle() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(ValidationGuard.idle()).as("the worker is free again").isTrue();
    }

    private String blocked(ValidationGuard guard) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "finished";
    }

    @Test
    void aCallerWaitsNoLongerThanTheTimeLimitAndLearnsWhy() {
        long start = System.nanoTime();
        String answer = ValidationGuard.run(new RulesValidator.Limits(Duration.ofMillis(200), 1.0), this::blocked,
                RuleProblem::message);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer).isEqualTo("validation stopped: compiling the rules and running their scenarios took longer"
                + " than the limit of 200 ms; nothing was changed");
    }

    @Test
    void theWorkSeesThatItWasStoppedAndGivesUp() throws Exception {
        CompletableFuture<Boolean> sawStop = new CompletableFuture<>();
        ValidationGuard.run(new RulesValidator.Limits(Duration.ofMillis(100), 1.0), guard -> {
            while (!guard.stopped()) {
                Thread.onSpinWait();
            }
            sawStop.complete(true);
            return "gave up";
        }, RuleProblem::message);
        assertThat(sawStop.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aValidationDoesNotStartWhenTheHeapIsAlreadyFull() {
        String answer = ValidationGuard.run(new RulesValidator.Limits(Duration.ofSeconds(60), 1e-9),
                guard -> "ran", RuleProblem::message);
        assertThat(answer).startsWith("validation not started: more than ").contains("of the service's memory was in use")
                .endsWith("nothing was changed, try again later");
    }

    @Test
    void aBusyValidatorAnswersAtOnce() throws Exception {
        List<CompletableFuture<String>> held = new ArrayList<>();
        for (int i = 0; i <= ValidationGuard.WAITING; i++) {
            held.add(CompletableFuture.supplyAsync(() -> ValidationGuard.run(MINUTE, this::blocked,
                    RuleProblem::message)));
            waitFor(i + 1);
        }
        long start = System.nanoTime();
        String answer = ValidationGuard.run(MINUTE, guard -> "ran", RuleProblem::message);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer).startsWith("validation not started: the validator is busy");
        release.countDown();
        for (CompletableFuture<String> f : held) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("finished");
        }
    }

    @Test
    void whatTheWorkThrowsBecomesAFinding() {
        RuleProblem problem = ValidationGuard.run(MINUTE, guard -> {
            throw new IllegalStateException("a broken bundle");
        }, p -> p);
        assertThat(problem.file()).isEqualTo(ValidationGuard.BUNDLE);
        assertThat(problem.message()).isEqualTo("validation could not finish: IllegalStateException: a broken bundle");
    }

    /** Until {@code n} validations run or wait. */
    private static void waitFor(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ValidationGuard.inFlight() < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(ValidationGuard.inFlight()).isEqualTo(n);
    }
}
