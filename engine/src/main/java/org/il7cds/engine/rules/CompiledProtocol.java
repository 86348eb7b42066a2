package org.il7cds.engine.rules;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * A protocol's definition together with the knowledge base compiled from its DRL files, and a pool of sessions
 * on it. A pooled session is reset by Drools when it is disposed (working memory, agenda and globals cleared), so
 * each request starts from an empty session, as with a new one, without rebuilding the session's node memories.
 */
public record CompiledProtocol(ProtocolDefinition definition, KieBase kieBase, KieSessionsPool sessions) {

    public CompiledProtocol(ProtocolDefinition definition, KieBase kieBase) {
        this(definition, kieBase, kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors()));
    }

    /** An empty session; {@code dispose()} it to reset it and hand it back to the pool. */
    public KieSession newSession() {
        return sessions.newKieSession();
    }
}
