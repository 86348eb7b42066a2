package org.il7cds.api.eligibility;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits batch assessments: {@code running} at a time (one per core: a batch is a long run of CPU work, more at once
 * only adds context switches and memory), at most {@code waiting} more waiting in arrival order, and any further one
 * refused at once with {@link ServerBusyException}. Thread-safe.
 */
final class BatchAdmission {

    private final Semaphore running;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    BatchAdmission(int running, int maxWaiting) {
        this.running = new Semaphore(running, true);
        this.maxWaiting = maxWaiting;
    }

    /** Waits for a turn; the caller must {@link #release()} it. */
    void admit() {
        if (running.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new ServerBusyException(maxWaiting);
        }
        try {
            running.acquireUninterruptibly();
        } finally {
            waiting.decrementAndGet();
        }
    }

    void release() {
        running.release();
    }

    int waiting() {
        return waiting.get();
    }
}
