package org.il7cds.engine.rules;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.il7cds.engine.UnknownProtocolException;
import org.il7cds.engine.terminology.DrugTerminology;

/**
 * One compiled, immutable rules version: every protocol with its knowledge bases, the version declared in
 * {@code bundle.yaml}, the content hash of the files and the protocol assessed when a request names none. Engines
 * hold one and never see a half-built one.
 *
 * @param defaultProtocol {@code bundle.yaml}'s {@code defaultProtocol} (or the only protocol); null when there is none
 * @param drugs the bundle's antiretroviral terminology ({@code terminology/antiretrovirals.yaml}), parsed once when
 *        the rules were compiled; {@link DrugTerminology#NONE} without the file
 */
public record RuleSet(String version, String contentHash, RuleBundle bundle, Map<String, CompiledProtocol> protocols,
        String defaultProtocol, DrugTerminology drugs) {

    public RuleSet {
        protocols = Map.copyOf(protocols);
    }

    public Optional<CompiledProtocol> protocol(String id) {
        return Optional.ofNullable(protocols.get(id));
    }

    /**
     * The protocol a request names, or the default protocol when it names none.
     *
     * @throws UnknownProtocolException when there is no such protocol (or no default one)
     */
    public CompiledProtocol protocolOrDefault(String id) {
        String wanted = id == null ? defaultProtocol : id;
        CompiledProtocol p = wanted == null ? null : protocols.get(wanted);
        if (p == null) {
            throw new UnknownProtocolException(wanted == null ? "(none named, and bundle.yaml names no defaultProtocol)"
                    : wanted, protocolIds());
        }
        return p;
    }

    public SortedSet<String> protocolIds() {
        return new TreeSet<>(protocols.keySet());
    }
}
