/**
 * The engine: plain Java facades over the Drools knowledge base, free of Spring (the build checks it).
 * Shared error types live here ({@link org.il7cds.engine.InvalidInputException},
 * {@link org.il7cds.engine.RulesExecutionException}, {@link org.il7cds.engine.UnknownProtocolException}).
 */
package org.il7cds.engine;
