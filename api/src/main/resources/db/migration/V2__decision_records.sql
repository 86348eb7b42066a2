-- Decision records: one row per answer (an assessment, each assessed item of a batch, a calendar or its refusal, a
-- purge), appended in sequence order by one writer, never updated. Each row carries the hash of the row before it
-- and its own hash over all its fields (engine: DecisionChain), so an altered, deleted or inserted row is found by
-- the chain verification. Portable SQL: the same migration runs on H2 and on PostgreSQL.

CREATE TABLE decision_record (
    seq            BIGINT        NOT NULL PRIMARY KEY,   -- from 1, without gaps (purges remove a prefix)
    decision_id    VARCHAR(36)   NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE NOT NULL,    -- microseconds
    time_zone      VARCHAR(64)   NOT NULL,               -- the zone of the clock the decision was made on
    client_id      VARCHAR(64)   NOT NULL,
    operation      VARCHAR(20)   NOT NULL,               -- assessment | batch-item | calendar | purge
    protocol_id    VARCHAR(64),
    rules_version  VARCHAR(100),
    rules_hash     VARCHAR(71),
    as_of          DATE,
    request_json   TEXT          NOT NULL,               -- pseudonymous: the request as received
    answer_status  INTEGER       NOT NULL,               -- 200, or 422 for a refused calendar
    verdict        VARCHAR(20),
    criteria       TEXT,                                 -- adult=MET;cd4-count=NOT_MET;...
    calendar_id    VARCHAR(200),
    answer_json    TEXT,                                 -- the whole answer, or null when replay rebuilds it
    answer_digest  VARCHAR(71)   NOT NULL,               -- sha256 of the answer's bytes as sent
    previous_hash  VARCHAR(71)   NOT NULL,
    record_hash    VARCHAR(71)   NOT NULL,
    CONSTRAINT decision_record_id_unique UNIQUE (decision_id),
    CONSTRAINT decision_record_operation CHECK (operation IN ('assessment', 'batch-item', 'calendar', 'purge'))
);

CREATE INDEX decision_record_decided_at ON decision_record (decided_at);
CREATE INDEX decision_record_calendar ON decision_record (calendar_id);
