package org.il7cds.api.rules;

/** A rollback with nothing to roll back to: 409 no-previous-version. */
public class NoPreviousVersionException extends RuntimeException {

    public NoPreviousVersionException(String message) {
        super(message);
    }
}
