-- The dose checks of draft rhIL-7 orders (CDS Hooks order-select / order-sign) are recorded as order-check since V5.
-- The CHECK constraint of V4 is replaced. Portable SQL: the same migration runs on H2 and on PostgreSQL.

ALTER TABLE decision_record DROP CONSTRAINT decision_record_operation;

ALTER TABLE decision_record ADD CONSTRAINT decision_record_operation CHECK (operation IN ('assessment', 'batch-item',
    'calendar', 'purge', 'protocol-assessment', 'retreatment-decision', 'monitoring', 'cycle-calendar',
    'order-check'));
