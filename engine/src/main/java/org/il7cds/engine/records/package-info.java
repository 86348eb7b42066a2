/**
 * Decision records: every answer the service gives (an assessment, each item of a batch, a calendar or its
 * refusal) as a {@link org.il7cds.engine.records.Decision}, appended through the
 * {@link org.il7cds.engine.records.DecisionRecorder} (group commit: one writer, one transaction per group, the
 * answer released only after its record is committed) to a {@link org.il7cds.engine.records.DecisionStore}
 * (the service's is a relational database, api module). Records form a hash chain
 * ({@link org.il7cds.engine.records.DecisionChain}): each carries the hash of the one before and its own hash over
 * all its fields, so an altered, deleted or inserted record is found by
 * {@link org.il7cds.engine.records.DecisionChain#verify}. A purge of old records is itself a record that names
 * the last record it removed, which anchors the first remaining one (DecisionChainTest, DecisionRecorderTest).
 */
package org.il7cds.engine.records;
