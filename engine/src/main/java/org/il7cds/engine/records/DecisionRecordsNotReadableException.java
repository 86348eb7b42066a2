package org.il7cds.engine.records;

/**
 * A read of the decision records could not see every record made: some are in the journal and not yet in the
 * database ({@link JournalledDecisionStore}), and the database did not receive them in time. Nothing is lost; the
 * read can be made again. The message holds no clinical value.
 */
public final class DecisionRecordsNotReadableException extends DecisionRecordUnavailableException {

    public DecisionRecordsNotReadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
