package org.il7cds.engine.rules;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.kie.api.KieBase;

/**
 * A protocol's definition, parsed once, together with its two knowledge bases, built through the public KIE API: the
 * eligibility rules (hand-written and generated) and, when the protocol has a {@code dosing.drl}, the dosing rules. The
 * two never share a session, a fact or a rule. What the engines keep per protocol (their session pools) is attached
 * here, so that it goes when the rules version goes.
 */
public final class CompiledProtocol {

    /** Knowledge base names in the protocol's kmodule. */
    static final String ELIGIBILITY = "eligibility";
    static final String DOSING = "dosing";

    private final ProtocolDefinition definition;
    private final KieBase eligibility;
    private final KieBase dosing;
    private final boolean sessionsReusable;
    private final boolean criteriaResident;
    private final Map<Class<?>, Object> attached = new ConcurrentHashMap<>();

    /**
     * @param dosing null when the protocol has no dosing rules
     * @param sessionsReusable whether every eligibility rule matches a fact (see {@link RuleShapes})
     * @param criteriaResident whether every eligibility rule matches a fact other than a criterion, so that the
     *     criteria may stay in a kept session
     */
    public CompiledProtocol(ProtocolDefinition definition, KieBase eligibility, KieBase dosing,
            boolean sessionsReusable, boolean criteriaResident) {
        this.definition = definition;
        this.eligibility = eligibility;
        this.dosing = dosing;
        this.sessionsReusable = sessionsReusable;
        // A kept session holds one phase's criteria only if the protocol has one phase: with re-treatment criteria
        // (a new cycle's), each request inserts the criteria of the phase it asks for.
        this.criteriaResident = sessionsReusable && criteriaResident && definition.criteria().stream()
                .noneMatch(c -> c.type() == CriterionType.RETREATMENT);
    }

    public ProtocolDefinition definition() {
        return definition;
    }

    /** The eligibility rules: the protocol's DRL files other than dosing.drl, and the generated lab rules. */
    public KieBase eligibilityRules() {
        return eligibility;
    }

    /** The dosing rules (dosing.drl), if any. */
    public Optional<KieBase> dosingRules() {
        return Optional.ofNullable(dosing);
    }

    /**
     * Whether an eligibility session may be kept between requests (every fact deleted after each): false when a rule
     * matches only absences, whose match a kept session would carry from one request to the next.
     */
    public boolean sessionsReusable() {
        return sessionsReusable;
    }

    /**
     * Whether the protocol's {@code Criterion} facts may stay in a kept eligibility session between requests: true
     * when every rule also matches a fact of the request (read from the DRL, {@link RuleShapes}) and the protocol has
     * one phase (no re-treatment criteria); otherwise its criteria are inserted with each request (slower).
     */
    public boolean criteriaResident() {
        return criteriaResident;
    }

    /** What a user of the protocol keeps with it (created on first use, one per type). */
    public <T> T attached(Class<T> type, Function<CompiledProtocol, T> create) {
        return type.cast(attached.computeIfAbsent(type, t -> create.apply(this)));
    }

    @Override
    public String toString() {
        return "CompiledProtocol[" + definition.id() + "]";
    }
}
