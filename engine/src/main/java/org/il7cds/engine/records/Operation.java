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
