package org.il7cds.api.records;

import java.time.Clock;
import java.util.Map;
import org.il7cds.api.web.Problems;
import org.il7cds.engine.records.Decision;
import org.il7cds.engine.records.Operation;
import org.il7cds.engine.rules.RuleSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the decisions of one feature's operations (assessments, calendars, ...): each feature that records its
 * answers provides one, so that the decision records depend on no feature (no package cycle) and a new operation
 * brings its own replay.
 */
public interface DecisionReplayer {

    /** Whether this replayer answers decisions of {@code operation}. */
    boolean replays(Operation operation);

    /**
     * The recorded request answered again through the same mapping and engine calls as the operation that answered
     * it, with {@code rules} and {@code clock} (fixed at the recorded instant).
     */
    Answer replay(Decision decision, RuleSet rules, Clock clock);

    /** The replayed answer as the record would keep it: status, verdict, criteria digest line, the body's bytes. */
    record Answer(int status, String verdict, String criteria, byte[] body) {
    }

    /** The replay ended in an error where the recorded decision gave an answer: its status and message. */
    static Answer failed(RuntimeException e, JsonMapper json) {
        Problems.Kind kind = Problems.kindOf(e);
        byte[] body = json.writeValueAsBytes(Map.of("type", kind.type().toString(), "status",
                kind.status().value(), "detail", String.valueOf(e.getMessage())));
        return new Answer(kind.status().value(), null, null, body);
    }
}
