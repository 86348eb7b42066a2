package org.il7cds.api.records;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.il7cds.engine.course.MonitoringAnswer;
import org.il7cds.engine.course.RetreatmentDecision;
import org.il7cds.engine.dosing.DosingCalendar;
import org.il7cds.engine.dosing.OrderReview;
import org.il7cds.engine.eligibility.Assessment;
import org.il7cds.engine.eligibility.ProtocolComparison;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.DecisionChain;
import org.il7cds.engine.records.DecisionIds;
import org.il7cds.engine.records.DecisionRecorder;
import org.il7cds.engine.records.Operation;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the decision operations call to record their answers before returning them: the instant a decision is made
 * (the engine runs on a clock fixed at it), a new decision id, and recording itself, which serialises the answer
 * once (the bytes sent are the bytes digested) and waits until the record is committed. Throws
 * {@link org.il7cds.engine.records.DecisionRecordUnavailableException} when it cannot be (503). Requests and
 * answers are the operations' DTOs, serialised with the service's JSON mapper.
 *
 * <p>With {@code il7cds.bench.recording-disabled=true} (benchmarks only) nothing is recorded and answers carry no
 * decision id.
 */
public final class DecisionRecording {

    /** The instant a decision is made, the zone of the service's clock, and a clock fixed at that instant. */
    public record Moment(Instant at, ZoneId zone, Clock clock) {
    }

    /**
     * One assessed item of a batch: its request as a single assessment (the batch's protocol and as-of date with
     * the item's candidate), the engine's assessment and the item's {@code assessment} answer.
     */
    public record BatchItem(Object request, Assessment assessment, Object answer, String decisionId) {
    }

    private final DecisionRecorder recorder;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean keepAnswerText;

    /** @param recorder null: recording disabled (benchmarks only) */
    DecisionRecording(DecisionRecorder recorder, JsonMapper json, Clock clock, boolean keepAnswerText) {
        this.recorder = recorder;
        this.json = json;
        this.clock = clock;
        this.keepAnswerText = keepAnswerText;
    }

    public boolean enabled() {
        return recorder != null;
    }

    /** Now, to the microsecond (what the database keeps), and a clock fixed at it for the engine. */
    public Moment moment() {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return new Moment(at, clock.getZone(), Clock.fixed(at, clock.getZone()));
    }

    /** A new decision id (time-ordered: {@link DecisionIds}), or null when nothing is recorded. */
    public String newDecisionId() {
        return enabled() ? DecisionIds.next(clock) : null;
    }

    /**
     * Records one assessment (its answer carries {@code decisionId}); returns the answer's JSON bytes to send. The
     * request is recorded as received when it is the body of the current request ({@link ReceivedRequests}).
     */
    public byte[] assessment(Moment m, String clientId, String decisionId, Object request, Assessment a,
            Object answer) {
        byte[] body = json.writeValueAsBytes(answer);
        if (enabled()) {
            String received = ReceivedRequests.text(request);
            recorder.record(assessed(m, clientId, decisionId, Operation.ASSESSMENT,
                    received != null ? received : json.writeValueAsString(request), a, body));
        }
        return body;
    }

    /**
     * Records every assessed item of a batch: one record each, in order, in one commit. Returns each item's
     * {@code assessment} answer as the JSON bytes recorded and digested, in the same order, for the response.
     * {@code serialised} runs once the items are serialised and queued, before the wait for their commit.
     */
    public List<byte[]> batch(Moment m, String clientId, List<BatchItem> items, Runnable serialised) {
        List<byte[]> answers = new ArrayList<>(items.size());
        List<Decision> decisions = new ArrayList<>(items.size());
        for (BatchItem item : items) {
            byte[] answer = json.writeValueAsBytes(item.answer());
            answers.add(answer);
            if (enabled()) {
                decisions.add(assessed(m, clientId, item.decisionId(), Operation.BATCH_ITEM,
                        json.writeValueAsString(item.request()), item.assessment(), answer));
            }
        }
        if (enabled()) {
            recorder.record(decisions, serialised);
        } else {
            serialised.run();
        }
        return answers;
    }

    /**
     * Records a calendar with its whole JSON (from which its iCalendar and CSV forms are rendered again);
     * returns the JSON bytes.
     */
    public byte[] calendar(Moment m, String clientId, String decisionId, Object request, LocalDate asOf,
            DosingCalendar c, Object answer) {
        return calendar(m, clientId, decisionId, request, asOf, c, answer, Operation.CALENDAR);
    }

    /** As {@link #calendar(Moment, String, String, Object, LocalDate, DosingCalendar, Object)}, for {@code operation}
     * (a first course's calendar, or a new cycle's). */
    public byte[] calendar(Moment m, String clientId, String decisionId, Object request, LocalDate asOf,
            DosingCalendar c, Object answer, Operation operation) {
        byte[] body = json.writeValueAsBytes(answer);
        if (enabled()) {
            recorder.record(new Decision(decisionId, m.at(), m.zone().getId(), clientId, operation,
                    c.protocolId(), c.rulesVersion(), c.rulesHash(), asOf, json.writeValueAsString(request), 200,
                    c.eligibility().name(), null, c.calendarId(), new String(body, StandardCharsets.UTF_8),
                    DecisionChain.digest(body)));
        }
        return body;
    }

    /** Records a refused calendar (422 calendar-refused, with the assessment that refused it); returns the body. */
    public byte[] calendarRefused(Moment m, String clientId, String decisionId, Object request, Assessment a,
            Object problem) {
        return calendarRefused(m, clientId, decisionId, request, a, problem, Operation.CALENDAR);
    }

    /** As {@link #calendarRefused(Moment, String, String, Object, Assessment, Object)}, for {@code operation}. */
    public byte[] calendarRefused(Moment m, String clientId, String decisionId, Object request, Assessment a,
            Object problem, Operation operation) {
        byte[] body = json.writeValueAsBytes(problem);
        if (enabled()) {
            recorder.record(new Decision(decisionId, m.at(), m.zone().getId(), clientId, operation,
                    a.protocolId(), a.rulesVersion(), a.rulesHash(), a.asOf(), json.writeValueAsString(request), 422,
                    a.verdict().name(), DecisionChain.criteria(a.criteria()), null,
                    new String(body, StandardCharsets.UTF_8), DecisionChain.digest(body)));
        }
        return body;
    }

    /**
     * Records a comparison against several protocols, one record for the whole answer ({@link
     * Operation#PROTOCOL_ASSESSMENT}): no protocol, no verdict, each protocol's criteria as {@code
     * protocolId/criterionId=STATUS}. Returns the answer's JSON bytes to send.
     */
    public byte[] protocolAssessment(Moment m, String clientId, String decisionId, Object request,
            ProtocolComparison c, Object answer) {
        byte[] body = json.writeValueAsBytes(answer);
        if (enabled()) {
            recorder.record(new Decision(decisionId, m.at(), m.zone().getId(), clientId,
                    Operation.PROTOCOL_ASSESSMENT, null, c.rulesVersion(), c.rulesHash(), c.asOf(),
                    json.writeValueAsString(request), 200, null, comparedCriteria(c), null,
                    keepAnswerText ? new String(body, StandardCharsets.UTF_8) : null, DecisionChain.digest(body)));
        }
        return body;
    }

    /** Each protocol's criteria line, prefixed by the protocol: {@code levy-2009/adult=MET;...}. */
    public static String comparedCriteria(ProtocolComparison c) {
        return c.assessments().stream().flatMap(a -> a.criteria().stream()
                .map(x -> a.protocolId() + "/" + x.criterionId() + "=" + x.status().name()))
                .collect(Collectors.joining(";"));
    }

    /** Records a retreatment decision, with its criteria's verdict and criteria; returns the JSON bytes. */
    public byte[] retreatment(Moment m, String clientId, String decisionId, Object request, RetreatmentDecision d,
            Object answer) {
        byte[] body = json.writeValueAsBytes(answer);
        if (enabled()) {
            recorder.record(assessed(m, clientId, decisionId, Operation.RETREATMENT_DECISION,
                    json.writeValueAsString(request), d.assessment(), body));
        }
        return body;
    }

    /**
     * Records a monitoring answer with its whole JSON: it has no verdict nor criteria, so the answer text is what a
     * replay's differences can be shown against. Returns the JSON bytes.
     */
    public byte[] monitoring(Moment m, String clientId, String decisionId, Object request, MonitoringAnswer a,
            Object answer) {
        byte[] body = json.writeValueAsBytes(answer);
        if (enabled()) {
            recorder.record(new Decision(decisionId, m.at(), m.zone().getId(), clientId, Operation.MONITORING,
                    a.protocolId(), a.rulesVersion(), a.rulesHash(), a.asOf(), json.writeValueAsString(request), 200,
                    null, null, null, new String(body, StandardCharsets.UTF_8), DecisionChain.digest(body)));
        }
        return body;
    }

    /**
     * Records the dose check of one draft order (CDS Hooks order-select / order-sign) with the whole review as its
     * answer: no verdict (the review's status is in it); {@code request} is the check's input (protocol, draft order,
     * weight, dates), from which a replay checks again. Returns the review's JSON bytes as recorded.
     */
    public byte[] orderCheck(Moment m, String clientId, String decisionId, Object request, OrderReview r) {
        byte[] body = json.writeValueAsBytes(r);
        if (enabled()) {
            recorder.record(new Decision(decisionId, m.at(), m.zone().getId(), clientId, Operation.ORDER_CHECK,
                    r.protocolId(), r.rulesVersion(), r.rulesHash(), LocalDate.now(m.clock()),
                    json.writeValueAsString(request), 200, null, null, null, new String(body, StandardCharsets.UTF_8),
                    DecisionChain.digest(body)));
        }
        return body;
    }

    private Decision assessed(Moment m, String clientId, String decisionId, Operation operation, String request,
            Assessment a, byte[] body) {
        return new Decision(decisionId, m.at(), m.zone().getId(), clientId, operation, a.protocolId(),
                a.rulesVersion(), a.rulesHash(), a.asOf(), request, 200, a.verdict().name(),
                DecisionChain.criteria(a.criteria()), null,
                keepAnswerText ? new String(body, StandardCharsets.UTF_8) : null, DecisionChain.digest(body));
    }
}
