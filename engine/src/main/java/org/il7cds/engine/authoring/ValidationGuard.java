package org.il7cds.engine.authoring;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.il7cds.engine.rules.RuleProblem;
import org.il7cds.engine.rules.RuleSet;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Defence in depth behind the rules sandbox: each validation (compiling a bundle, running its scenarios) runs on one
 * dedicated thread, within a time limit and a memory guard, so that no bundle can hang its caller or tie up request
 * threads. The caller waits at most the time limit; past it, or when the heap is nearly full while the validation
 * runs, the validation is stopped (its rules sessions halted, Drools' own way of stopping a firing session; the
 * scenario loop stops at the next scenario) and the caller gets a finding saying why. One validation runs at a time
 * and {@value #WAITING} may wait; more are told at once that the validator is busy.
 */
final class ValidationGuard {

    /** Validations that may wait for the worker thread; the next one is refused at once. */
    static final int WAITING = 2;
    /** The file a finding about the whole validation names. */
    static final String BUNDLE = "(bundle)";

    private static final Logger LOG = LoggerFactory.getLogger(ValidationGuard.class);
    private static final long POLL_MILLIS = 50;
    /** A full collection confirms the heap is really full (not garbage); at most every half second. */
    private static final long GC_CONFIRM_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadPoolExecutor WORKER = worker();

    private static long lastConfirmation;
    private static boolean fullAfterCollection;

    private final RulesValidator.Limits limits;
    private final List<RuleSet> watched = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean stopped;

    private ValidationGuard(RulesValidator.Limits limits) {
        this.limits = limits;
    }

    private static ThreadPoolExecutor worker() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING), r -> {
            Thread t = new Thread(r, "rules-validation-" + n.incrementAndGet());
            t.setDaemon(true);
            // Drools finds its components through the context class loader: the engine's, whoever started the thread.
            t.setContextClassLoader(ValidationGuard.class.getClassLoader());
            return t;
        });
    }

    /**
     * Runs {@code work} within the limits; when it cannot finish, {@code stopped} turns the finding saying why into
     * the caller's answer. Never throws for what the bundle does.
     */
    static <T> T run(RulesValidator.Limits limits, Function<ValidationGuard, T> work, Function<RuleProblem, T> stopped) {
        ValidationGuard guard = new ValidationGuard(limits);
        Future<T> future;
        try {
            future = WORKER.submit(() -> {
                if (heapFull(limits)) {
                    return stopped.apply(guard.memory("not started"));
                }
                guard.started = true;
                return work.apply(guard);
            });
        } catch (RejectedExecutionException e) {
            return stopped.apply(busy());
        }
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        while (true) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - deadline >= 0) {
                    boolean running = guard.started;
                    guard.stop(future, running ? "time limit" : "waited too long");
                    return stopped.apply(running ? guard.overTime() : busy());
                }
                if (guard.started && heapFull(limits)) {
                    guard.stop(future, "memory guard");
                    return stopped.apply(guard.memory("stopped"));
                }
            } catch (ExecutionException e) {
                LOG.warn("a rules validation failed: {}", e.getCause().toString());
                return stopped.apply(RuleProblem.error(BUNDLE, 0, "validation could not finish: "
                        + describe(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                guard.stop(future, "caller interrupted");
                return stopped.apply(RuleProblem.error(BUNDLE, 0, "validation stopped: the request was cancelled"));
            }
        }
    }

    /** A rule set the validation compiled or runs: its sessions are halted if the validation is stopped. */
    void watch(RuleSet rules) {
        watched.add(rules);
        if (stopped) {
            halt(rules);
        }
    }

    /** Whether the validation was stopped; the work checks it between steps and gives up. */
    boolean stopped() {
        return stopped || Thread.currentThread().isInterrupted();
    }

    private void stop(Future<?> future, String why) {
        stopped = true;
        watched.forEach(ValidationGuard::halt);
        future.cancel(true);
        if (future instanceof FutureTask<?> task) {
            WORKER.remove(task);
        }
        LOG.warn("a rules validation was stopped ({}; limits: {}, heap in use at most {})", why,
                duration(limits), percent(limits));
    }

    private static void halt(RuleSet rules) {
        rules.protocols().values().forEach(p -> {
            p.eligibilityRules().getKieSessions().forEach(KieSession::halt);
            p.dosingRules().ifPresent(d -> d.getKieSessions().forEach(KieSession::halt));
        });
    }

    /**
     * Whether more than the allowed share of the heap is in use, confirmed after a full collection (what is in use
     * before one may be garbage). The confirmation is shared by every caller and made at most every half second.
     */
    private static synchronized boolean heapFull(RulesValidator.Limits limits) {
        long allowed = (long) (Runtime.getRuntime().maxMemory() * limits.maxHeapInUse());
        if (MEMORY.getHeapMemoryUsage().getUsed() <= allowed) {
            return false;
        }
        long now = System.nanoTime();
        if (now - lastConfirmation > GC_CONFIRM_NANOS || lastConfirmation == 0) {
            System.gc(); // deliberate: a validation is stopped for memory only when live data fills the heap
            lastConfirmation = now;
            fullAfterCollection = MEMORY.getHeapMemoryUsage().getUsed() > allowed;
        }
        return fullAfterCollection;
    }

    private RuleProblem overTime() {
        return RuleProblem.error(BUNDLE, 0, "validation stopped: compiling the rules and running their scenarios took"
                + " longer than the limit of " + duration(limits) + "; nothing was changed");
    }

    private RuleProblem memory(String what) {
        long mib = 1024 * 1024;
        return RuleProblem.error(BUNDLE, 0, "validation " + what + ": more than " + percent(limits)
                + " of the service's memory was in use ("
                + MEMORY.getHeapMemoryUsage().getUsed() / mib + " of " + Runtime.getRuntime().maxMemory() / mib
                + " MiB); nothing was changed, try again later");
    }

    private static RuleProblem busy() {
        return RuleProblem.error(BUNDLE, 0, "validation not started: the validator is busy with other bundles (one"
                + " runs at a time, " + WAITING + " may wait); nothing was changed, try again in a moment");
    }

    private static String duration(RulesValidator.Limits limits) {
        long millis = limits.timeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String percent(RulesValidator.Limits limits) {
        return java.math.BigDecimal.valueOf(limits.maxHeapInUse() * 100).round(new java.math.MathContext(2))
                .stripTrailingZeros().toPlainString() + "%";
    }

    /** Validations running or waiting (for the tests of these bounds). */
    static int inFlight() {
        return WORKER.getActiveCount() + WORKER.getQueue().size();
    }

    static boolean idle() {
        return inFlight() == 0;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        String text = t.getClass().getSimpleName() + message;
        return text.length() > 500 ? text.substring(0, 497) + "..." : text;
    }
}
