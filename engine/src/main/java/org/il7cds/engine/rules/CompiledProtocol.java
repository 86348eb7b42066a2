package org.il7cds.engine.rules;

import org.kie.api.KieBase;

/** A protocol's definition together with the knowledge base compiled from its DRL files. */
public record CompiledProtocol(ProtocolDefinition definition, KieBase kieBase) {
}
