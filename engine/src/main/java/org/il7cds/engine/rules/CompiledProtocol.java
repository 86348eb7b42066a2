package org.il7cds.engine.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * A protocol's definition together with the knowledge base compiled from its DRL files, and the pools of
 * prepared sessions its users keep on it (see {@link ResidentSessions}). The pools go with the compiled protocol:
 * when a rules version is dropped, its sessions go with it.
 */
public final class CompiledProtocol {

    private final ProtocolDefinition definition;
    private final KieBase kieBase;
    private final Map<Object, ResidentSessions> pools = new ConcurrentHashMap<>();

    public CompiledProtocol(ProtocolDefinition definition, KieBase kieBase) {
        this.definition = definition;
        this.kieBase = kieBase;
    }

    public ProtocolDefinition definition() {
        return definition;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /**
     * The pool of sessions prepared by {@code prepare} for the user identified by {@code user} (created on first
     * use; one pool per user, whose sessions hold that user's resident facts and no other's).
     */
    public ResidentSessions residentSessions(Object user, Class<?> residentType, Consumer<KieSession> prepare) {
        return pools.computeIfAbsent(user, u -> new ResidentSessions(kieBase, residentType, prepare,
                Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public String toString() {
        return "CompiledProtocol[" + definition.id() + "]";
    }
}
