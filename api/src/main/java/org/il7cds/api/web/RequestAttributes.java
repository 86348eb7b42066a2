package org.il7cds.api.web;

/** Names of the request attributes the layers of the service leave for each other. */
public final class RequestAttributes {

    /** The authenticated client's id, left by the security chain for the access log (never a person's name). */
    public static final String CLIENT_ID = "org.il7cds.api.clientId";

    private RequestAttributes() {
    }
}
