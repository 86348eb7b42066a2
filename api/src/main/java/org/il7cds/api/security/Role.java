package org.il7cds.api.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The roles of the API. A credential (API key or JWT) carries any number of them; see SecurityConfiguration for
 * which operation needs which role.
 */
public enum Role {
    /** Eligibility operations. */
    SCREENER,
    /** Dosing calendars and eligibility operations. */
    PHARMACIST,
    /** Rules administration (everything under /v1/rules/ but GET /v1/rules/version). */
    INFORMATICIAN,
    /** Read-only: protocols, rules version and rules version history, decision records and their chain; replay. */
    AUDITOR,
    /** Records retention: purges decision records older than a retention period (the purge is itself recorded). */
    CUSTODIAN;

    /** The name used in configuration and tokens: {@code screener}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority: {@code ROLE_screener}. */
    public String authority() {
        return "ROLE_" + id();
    }

    public static Optional<Role> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id().equals(wanted)).findFirst();
    }

    static String known() {
        return Arrays.stream(values()).map(Role::id).toList().toString();
    }
}
