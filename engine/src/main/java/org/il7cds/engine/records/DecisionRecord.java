package org.il7cds.engine.records;

/**
 * A decision in its place in the chain: its sequence number (from 1, without gaps), the hash of the record before
 * it ({@link DecisionChain#GENESIS} for the first) and its own hash over all its fields.
 */
public record DecisionRecord(long seq, Decision decision, String previousHash, String hash) {
}
