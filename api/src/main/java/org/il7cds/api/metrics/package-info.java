/**
 * Metrics for operators, exported at {@code /actuator/prometheus} (role auditor): verdicts and calendars by
 * protocol and outcome, the latency of each operation, the active rules version and the count of activations.
 * No label ever holds a patient datum: labels are protocol ids, verdicts, operation ids, statuses and rules versions.
 */
package org.il7cds.api.metrics;
