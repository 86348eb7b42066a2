package org.il7cds.engine.rules;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One compiled, immutable rules version: every protocol with its knowledge base, the version declared in
 * {@code bundle.yaml} and the content hash of the files. Engines hold one and never see a half-built one.
 */
public record RuleSet(String version, String contentHash, RuleBundle bundle, Map<String, CompiledProtocol> protocols) {

    public RuleSet {
        protocols = Map.copyOf(protocols);
    }

    public Optional<CompiledProtocol> protocol(String id) {
        return Optional.ofNullable(protocols.get(id));
    }

    /** The bundle's antiretroviral terminology ({@code terminology/antiretrovirals.yaml}); NONE without the file. */
    public org.il7cds.engine.terminology.DrugTerminology drugs() {
        return DrugTerminologyFile.of(bundle);
    }

    public SortedSet<String> protocolIds() {
        return new TreeSet<>(protocols.keySet());
    }
}
