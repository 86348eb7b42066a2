package org.il7cds.engine.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Decisions as a request would hand them to the recorder. */
final class TestDecisions {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00.123456Z");

    private TestDecisions() {
    }

    static Decision assessment(int i, Instant at) {
        String answer = "{\"decisionId\":\"d-" + i + "\",\"verdict\":\"ELIGIBLE\"}";
        return new Decision(UUID.randomUUID().toString(), at, "UTC", "clinic-a", Operation.ASSESSMENT, "levy-2009",
                "1.0.1", "sha256:" + "ab".repeat(32), LocalDate.of(2026, 11, 26),
                "{\"candidate\":{\"pseudonymId\":\"CAND-" + i + "\",\"ageYears\":40}}", 200, "ELIGIBLE",
                "adult=MET;cd4-count=MET", null, null, DecisionChain.digest(answer.getBytes(StandardCharsets.UTF_8)));
    }

    static Decision assessment(int i) {
        return assessment(i, T0.plusSeconds(i));
    }

    static DecisionRecorder.PurgeOrder purge(Instant at, Instant cutoff) {
        return new DecisionRecorder.PurgeOrder(UUID.randomUUID().toString(), at, "UTC", "records-office",
                "{\"olderThanDays\":30,\"reason\":\"retention\"}", cutoff);
    }
}
