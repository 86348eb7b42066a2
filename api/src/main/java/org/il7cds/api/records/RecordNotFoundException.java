package org.il7cds.api.records;

/** No decision record (or recorded calendar) with this id: a 404 {@code not-found} problem naming what is missing. */
public class RecordNotFoundException extends RuntimeException {

    public RecordNotFoundException(String message) {
        super(message);
    }
}
