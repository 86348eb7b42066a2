-- The operations recorded since V2: protocol comparisons (protocol-assessment), retreatment decisions
-- (retreatment-decision) and monitoring answers (monitoring). The CHECK constraint of V2 is replaced; every wire name
-- fits the operation column's VARCHAR(20) (retreatment-decision is 20 characters). Portable SQL: the same migration
-- runs on H2 and on PostgreSQL.

ALTER TABLE decision_record DROP CONSTRAINT decision_record_operation;

ALTER TABLE decision_record ADD CONSTRAINT decision_record_operation CHECK (operation IN ('assessment', 'batch-item',
    'calendar', 'purge', 'protocol-assessment', 'retreatment-decision', 'monitoring'));
