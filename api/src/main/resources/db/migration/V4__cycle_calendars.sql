-- A new cycle's calendar (cycle-calendar, POST /v1/dosing/cycle-calendars) is recorded since V4. The CHECK constraint of
-- V3 is replaced; the wire name fits the operation column's VARCHAR(20). Portable SQL: the same migration runs on H2 and
-- on PostgreSQL.

ALTER TABLE decision_record DROP CONSTRAINT decision_record_operation;

ALTER TABLE decision_record ADD CONSTRAINT decision_record_operation CHECK (operation IN ('assessment', 'batch-item',
    'calendar', 'purge', 'protocol-assessment', 'retreatment-decision', 'monitoring', 'cycle-calendar'));
