package org.il7cds.engine.records;

/**
 * A decision could not be recorded (the store failed, or the record was not committed in time): the answer must
 * not be given. The message names the cause and holds no clinical value.
 */
public class DecisionRecordUnavailableException extends RuntimeException {

    public DecisionRecordUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
