package org.il7cds.api.cds;

/**
 * CDS Hooks' 412: data the service needs is neither prefetched nor obtainable from the client's FHIR server. The
 * message names prefetch keys and the reason, never a patient's value (it becomes the problem's detail).
 */
public final class PrefetchUnavailableException extends RuntimeException {

    public PrefetchUnavailableException(String message) {
        super(message);
    }
}
