package org.il7cds.engine;

import java.util.Collection;

/** The caller named a protocol the active rules do not define. */
public class UnknownProtocolException extends RuntimeException {

    private final String protocolId;

    public UnknownProtocolException(String protocolId, Collection<String> known) {
        super("unknown protocol '" + protocolId + "': the active rules define " + known);
        this.protocolId = protocolId;
    }

    public String protocolId() {
        return protocolId;
    }
}
