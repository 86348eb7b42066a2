package org.il7cds.api;

import java.nio.file.Path;
import java.time.Clock;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine beans. The rules are compiled once at startup, from the packaged rules or, when {@code rules.dir}
 * is set, from that directory; a rules bundle that does not compile stops the service from starting (it never
 * answers with half a rule set).
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean
    ActiveRules activeRules(@Value("${rules.dir:}") String rulesDir) {
        ActiveRules rules = rulesDir.isBlank() ? ActiveRules.fromClasspath()
                : new ActiveRules(RuleSetCompiler.compile(RuleBundle.fromDirectory(Path.of(rulesDir))));
        log.info("rules {} ({}) loaded from {}: protocols {}", rules.get().version(), rules.get().contentHash(),
                rules.get().bundle().origin(), rules.get().protocolIds());
        return rules;
    }

    /** The live rules and their activation history; the engines read the same {@link ActiveRules}. */
    @Bean
    RulesRegistry rulesRegistry(ActiveRules rules, Clock clock, @Value("${rules.dir:}") String rulesDir) {
        return new RulesRegistry(rules, rulesDir.isBlank() ? "packaged" : "directory", clock);
    }

    /** "Today" for the engines: the server's time zone, so that a clinic's date is the date it sees. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    EligibilityEngine eligibilityEngine(ActiveRules rules, Clock clock) {
        return new EligibilityEngine(rules, clock);
    }

    @Bean
    DosingEngine dosingEngine(ActiveRules rules, EligibilityEngine eligibility, Clock clock) {
        return new DosingEngine(rules, eligibility, clock);
    }
}
