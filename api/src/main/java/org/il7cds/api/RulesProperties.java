package org.il7cds.api;

import java.time.Duration;
import org.il7cds.engine.authoring.RulesRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rules settings ({@code il7cds.rules.*}), bound and checked once at start-up: a value that cannot be bound
 * (an unknown approval, a timeout that is not a duration) stops the service with the property's name. (The rules
 * directory is {@code --rules.dir}, the command-line option the README documents.)
 *
 * @param approval who may make a proposal live: {@code single} (the proposer) or {@code two-person} (a second
 *     informatician approves)
 * @param validation the limits every validation runs within (start-up, validate, preview, activate, roll back)
 * @param warmUpCompiler whether a low-priority thread warms the rules compiler up after start, so that the first
 *     activation does not pay for its cold code (bench/RESULTS.md)
 */
@ConfigurationProperties("il7cds.rules")
record RulesProperties(@DefaultValue("single") RulesRegistry.Approval approval,
        @DefaultValue Validation validation, @DefaultValue("true") boolean warmUpCompiler) {

    /**
     * @param timeout the longest a validation may run
     * @param maxHeapInUse the share of the heap in use above which a validation is stopped
     */
    record Validation(@DefaultValue("60s") Duration timeout, @DefaultValue("0.85") double maxHeapInUse) {
    }
}
