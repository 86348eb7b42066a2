package org.il7cds.api.support;

/**
 * The API keys of the test context, one client per role (their hashes are in src/test/resources/application-it.yaml).
 * Test-only: a production configuration has no key until someone creates one.
 */
public enum TestKeys {
    SCREENER("test-screener"),
    PHARMACIST("test-pharmacist"),
    INFORMATICIAN("test-informatician"),
    /** A second informatician (two-person approval). */
    INFORMATICIAN_2("test-informatician-2"),
    AUDITOR("test-auditor"),
    CUSTODIAN("test-custodian"),
    /** All four roles, as the README's examples use (ExamplesIT). */
    ALL_ROLES("test-all-roles"),
    /** An auditor with a rate limit of 2 requests, then one per 1000 s (RateLimitIT only). */
    RATE_LIMITED("test-ratelimited");

    private final String clientId;

    TestKeys(String clientId) {
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }

    public String key() {
        return "il7_" + clientId + "-key-not-for-production";
    }

    /** The value of the Authorization header. */
    public String authorization() {
        return "ApiKey " + key();
    }
}
