package org.il7cds.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The engine beans. The rules are compiled once at startup, from the packaged rules or, when {@code rules.dir}
 * is set, from that directory; a rules bundle that does not compile stops the service from starting (it never
 * answers with half a rule set).
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    /**
     * Starts compiling the rules as soon as the application context is being built (a bean factory post-processor
     * is created before any other bean), so that the 2-4 s of rules compilation overlap Spring's own start-up.
     */
    @Bean
    static RulesPreload rulesPreload(Environment environment) {
        return new RulesPreload(environment.getProperty("rules.dir", ""));
    }

    @Bean
    ActiveRules activeRules(RulesPreload preload) {
        ActiveRules rules = new ActiveRules(preload.await());
        log.info("rules {} ({}) loaded from {}: protocols {}", rules.get().version(), rules.get().contentHash(),
                rules.get().bundle().origin(), rules.get().protocolIds());
        rules.get().bundle().findings().forEach(f -> log.warn("rules: {}", f));
        return rules;
    }

    /** The rules compiling in the background; {@link #await()} gives them, or throws the load's own error. */
    static final class RulesPreload implements BeanFactoryPostProcessor {

        private final CompletableFuture<RuleSet> compiled;

        RulesPreload(String rulesDir) {
            compiled = CompletableFuture.supplyAsync(() -> rulesDir.isBlank()
                    ? RuleSetCompiler.compile(RuleBundle.fromClasspath())
                    : RuleSetCompiler.compile(RuleBundle.fromDirectory(Path.of(rulesDir))));
        }

        RuleSet await() {
            try {
                return compiled.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            // nothing to change: being a post-processor only makes Spring create this bean (and start the compile) first
        }
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
