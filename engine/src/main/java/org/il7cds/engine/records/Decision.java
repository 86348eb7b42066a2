package org.il7cds.engine.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One answer as the recorder receives it, before it has a place in the chain. Every field is covered by the
 * record's hash ({@link DecisionChain#hash}).
 *
 * @param decisionId the id the answer carries
 * @param at when the decision was made (microseconds: what every database keeps); the engine ran on a clock fixed
 *     at this instant in {@code zone}, so that replay sees the same "today"
 * @param zone the time zone of that clock ({@code Europe/Paris})
 * @param clientId the authenticated client
 * @param protocolId the protocol decided on (null for a purge)
 * @param rulesVersion the rules version label that answered (null for a purge)
 * @param rulesHash the content hash of those rules, by which replay loads them again (null for a purge)
 * @param asOf the date the eligibility verdict was made as of (null for a purge)
 * @param request the request as received (pseudonymous JSON; for a batch item the single-assessment request of
 *     that item: the batch's protocol and as-of date with the item's candidate)
 * @param status the HTTP status of the answer (200, or 422 for a refused calendar)
 * @param verdict the eligibility verdict ({@code ELIGIBLE}, ...; null for a purge)
 * @param criteria each criterion's status in the protocol's order, {@code adult=MET;cd4-count=NOT_MET;...} (null
 *     when the answer holds no criteria, as a calendar)
 * @param calendarId the calendar's id (null for other answers), by which a pharmacist fetches it again
 * @param answer the whole answer text, or null when only its digest is kept (an answer that replay rebuilds)
 * @param answerDigest {@code sha256:} and the hex SHA-256 of the answer's UTF-8 bytes, as sent
 */
public record Decision(String decisionId, Instant at, String zone, String clientId, Operation operation,
        String protocolId, String rulesVersion, String rulesHash, LocalDate asOf, String request, int status,
        String verdict, String criteria, String calendarId, String answer, String answerDigest) {

    public Decision {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answerDigest, "answerDigest");
        if (!at.equals(at.truncatedTo(ChronoUnit.MICROS))) {
            throw new IllegalArgumentException("a decision's time is kept to the microsecond: truncate it first");
        }
    }
}
