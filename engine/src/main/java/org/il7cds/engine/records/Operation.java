package org.il7cds.engine.records;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a decision record records. */
public enum Operation {
    /** POST /v1/eligibility/assessments: one assessment. */
    ASSESSMENT,
    /** One item of POST /v1/eligibility/assessments/batch (each assessed item is a record of its own). */
    BATCH_ITEM,
    /** POST /v1/dosing/calendars: a calendar, or its refusal (422 calendar-refused). */
    CALENDAR,
    /**
     * POST /v1/eligibility/protocol-assessments: one candidate against several protocols, ONE record for the whole
     * comparison. Not one record per protocol assessed: the answer is one resource (its {@code eligibleFor} is a
     * statement about all the protocols together, and with no protocol named the list assessed is the rules
     * version's), so its bytes are recorded and digested whole and replay answers it again whole. The record's
     * protocol and verdict are then empty; its criteria are each protocol's, as {@code protocolId/criterionId}.
     */
    PROTOCOL_ASSESSMENT,
    /** POST /v1/course/retreatment-decisions: whether a new cycle is indicated (verdict: its criteria's). */
    RETREATMENT_DECISION,
    /**
     * POST /v1/course/monitoring-assessments: a monitoring answer (no verdict). Named {@code monitoring} on the wire:
     * {@code monitoring-assessment} would not fit the 20 characters of the record's operation column.
     */
    MONITORING,
    /**
     * POST /v1/dosing/cycle-calendars: a new cycle's calendar, or its refusal (422 cycle-not-indicated); its verdict
     * is the re-treatment criteria's. Recorded with its calendar id, so that it is printed again as a calendar is.
     */
    CYCLE_CALENDAR,
    /**
     * CDS Hooks order-select / order-sign: the dose check of one draft rhIL-7 order (no verdict: the review's status
     * MATCHES / MISMATCH / INCOMPLETE is in its answer, which is kept whole).
     */
    ORDER_CHECK,
    /** A purge of old records (retention), recorded in the chain it shortens. */
    PURGE;

    /** The name in the API and the database: {@code batch-item}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Operation> parse(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire().equals(wire)).findFirst();
    }
}
