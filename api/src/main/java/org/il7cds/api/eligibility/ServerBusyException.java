package org.il7cds.api.eligibility;

/** Too many batch assessments are already waiting: answered 503 {@code server-busy} with Retry-After. */
final class ServerBusyException extends RuntimeException {

    /** Seconds a client should wait before sending the batch again. */
    static final int RETRY_AFTER_SECONDS = 2;

    ServerBusyException(int maxWaiting) {
        super("The server is assessing batches and " + maxWaiting + " more are waiting; send this batch again in "
                + RETRY_AFTER_SECONDS + " s.");
    }
}
