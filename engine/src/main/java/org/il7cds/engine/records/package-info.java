/**
 * Decision records: every answer the service gives (an assessment, each item of a batch, a calendar or its
 * refusal) as a {@link org.il7cds.engine.records.Decision}, appended through the
 * {@link org.il7cds.engine.records.DecisionRecorder} (the answer released only once its record is durable) to a
 * {@link org.il7cds.engine.records.DecisionStore}: the service's is a relational database (api module), with, on
 * the embedded default, a {@link org.il7cds.engine.records.JournalledDecisionStore} in front of it (each record
 * appended to a journal file by the answering thread, copied into the database in large transactions); without
 * the journal, the recorder's writer thread commits each group of waiting records in one transaction.
 * Records form a hash chain ({@link org.il7cds.engine.records.DecisionChain}): each carries the hash of the one
 * before and its own hash over all its fields, so an altered, deleted or inserted record is found by
 * {@link org.il7cds.engine.records.DecisionChain#verify}. A purge of old records is itself a record that names
 * the last record it removed, which anchors the first remaining one (DecisionChainTest, DecisionRecorderTest).
 */
package org.il7cds.engine.records;
