-- The operation of a record is checked by a foreign key to a reference table instead of a CHECK constraint.
-- Why: with H2 2.4.240 (the embedded default) a CHECK constraint added by one connection is bound to that connection's
-- session; once the connection closes (the pool retires it after 30 minutes: the one Flyway migrated with), every
-- insert fails with "Check constraint invalid" (23514) until the process restarts, so every answer was refused 503
-- decision-record-unavailable about half an hour after the first start or an upgrade (bench/RESULTS.md, 2026-12-02).
-- A foreign key holds no expression and has no such binding. Portable SQL: the same migration runs on PostgreSQL.
-- A new operation is a new row here (and a new migration), as it was a new CHECK list.

CREATE TABLE decision_operation (
    name VARCHAR(20) NOT NULL PRIMARY KEY
);

INSERT INTO decision_operation (name) VALUES ('assessment'), ('batch-item'), ('calendar'), ('purge'),
    ('protocol-assessment'), ('retreatment-decision'), ('monitoring'), ('cycle-calendar'), ('order-check');

ALTER TABLE decision_record DROP CONSTRAINT decision_record_operation;

ALTER TABLE decision_record ADD CONSTRAINT decision_record_operation FOREIGN KEY (operation)
    REFERENCES decision_operation (name);
