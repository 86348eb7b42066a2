package org.il7cds.api.cds;

/** A CDS Hooks request the service cannot use (a 400 validation problem): the message says what is wrong. */
public final class CdsInputException extends RuntimeException {

    public CdsInputException(String message) {
        super(message);
    }
}
