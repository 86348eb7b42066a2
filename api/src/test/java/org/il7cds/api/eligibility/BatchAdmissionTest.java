package org.il7cds.api.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batches run one per permit, a bounded number wait, and the next one is refused at once, not queued. */
class BatchAdmissionTest {

    @Test
    void admitsUpToTheRunningLimitThenQueuesThenRefuses() throws Exception {
        BatchAdmission admission = new BatchAdmission(1, 2);
        admission.admit(); // running
        CountDownLatch admitted = new CountDownLatch(2);
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                admission.admit();
                admitted.countDown();
                admission.release();
            });
            t.start();
            waiters.add(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (admission.waiting() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(admission.waiting()).isEqualTo(2);

        assertThatThrownBy(admission::admit).isInstanceOf(ServerBusyException.class)
                .hasMessageContaining("2 more are waiting");
        assertThat(admission.waiting()).isEqualTo(2);

        admission.release();
        assertThat(admitted.await(10, TimeUnit.SECONDS)).isTrue();
        for (Thread t : waiters) {
            t.join(10_000);
        }
        assertThat(admission.waiting()).isZero();
        admission.admit(); // free again
        admission.release();
    }
}
