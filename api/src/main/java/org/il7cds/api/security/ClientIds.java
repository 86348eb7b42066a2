package org.il7cds.api.security;

import java.util.List;
import java.util.regex.Pattern;
import org.il7cds.api.web.RequestAttributes;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The id of the authenticated client, as rate limits and the access log know it: the API key's client id, or
 * for a JWT its first present client-id claim (azp, client_id, sub by default). Always safe to log: restricted to
 * a short run of plain characters.
 */
public final class ClientIds {

    /** The request attribute under which the security chain leaves the client id for the access log. */
    public static final String REQUEST_ATTRIBUTE = RequestAttributes.CLIENT_ID;
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._@:-]");

    private ClientIds() {
    }

    /** The client id of the caller of the current request ("-" outside one): who a decision record names. */
    public static String current() {
        String id = of(SecurityContextHolder.getContext().getAuthentication());
        return id == null ? "-" : id;
    }

    /** The client id of an authenticated caller, or null for an anonymous one. */
    static String of(Authentication authentication) {
        if (authentication instanceof ClientAuthentication a) { // an API key or a CDS client's JWT
            return a.getName();
        }
        if (authentication instanceof JwtAuthenticationToken j) {
            return sanitize(j.getName());
        }
        return null;
    }

    static String fromJwt(Jwt jwt, List<String> claims) {
        for (String claim : claims) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String s && !s.isBlank()) {
                return sanitize(s);
            }
        }
        return "jwt";
    }

    static String sanitize(String id) {
        String safe = UNSAFE.matcher(id).replaceAll("_");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }
}
