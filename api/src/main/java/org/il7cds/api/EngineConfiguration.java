package org.il7cds.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.il7cds.api.rules.JdbcRulesStore;
import org.il7cds.api.rules.RulesAdminMapper;
import org.il7cds.engine.authoring.Activation;
import org.il7cds.engine.authoring.RulesRegistry;
import org.il7cds.engine.authoring.RulesValidator;
import org.il7cds.engine.dosing.DosingEngine;
import org.il7cds.engine.eligibility.EligibilityEngine;
import org.il7cds.engine.rules.ActiveRules;
import org.il7cds.engine.rules.RuleBundle;
import org.il7cds.engine.rules.RuleSet;
import org.il7cds.engine.rules.RuleSetCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The engine beans. At start-up the active rules version is restored from the database; on a first start (an empty
 * database) the packaged rules or, when {@code rules.dir} is set, that directory's become version 1 if they pass
 * validation, and otherwise stop the service from starting (it never answers with rules that failed validation).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RulesProperties.class)
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

    /** The rules versions, activations and proposals, in the service's database (after its migrations ran). */
    @Bean
    @DependsOnDatabaseInitialization
    JdbcRulesStore rulesStore(DataSource dataSource, PlatformTransactionManager transactions, JsonMapper json) {
        return new JdbcRulesStore(JdbcClient.create(dataSource), new TransactionTemplate(transactions),
                report -> RulesAdminMapper.json(report, json), impact -> RulesAdminMapper.json(impact, json));
    }

    /**
     * The live rules and their governance. The active version comes from storage (its hash checked again); the
     * packaged or {@code --rules.dir} bundle goes live on its own only into an empty database, and only if it passes
     * validation. When it differs from the stored active version, the log says so and it waits for an activation.
     */
    @Bean
    RulesRegistry rulesRegistry(JdbcRulesStore store, RulesPreload preload, Clock clock,
            @Value("${rules.dir:}") String rulesDir, RulesProperties settings) {
        // Every validation (start-up, validate, preview, activate, roll back, approve) runs within these limits.
        RulesValidator.limit(new RulesValidator.Limits(settings.validation().timeout(),
                settings.validation().maxHeapInUse()));
        String origin = rulesDir.isBlank() ? "packaged" : "directory";
        RulesRegistry registry = RulesRegistry.open(store, preload.bundle(), origin, preload::await, clock,
                settings.approval());
        Activation active = registry.active();
        log.info("rules {} ({}) active: stored version #{}, activation #{} ({} by {}); approval {}; protocols {}",
                active.version(), active.contentHash(), active.versionId(), active.id(), active.kind().wire(),
                active.actor(), registry.approval(), registry.get().protocolIds());
        preload.bundle().findings().forEach(f -> log.warn("rules: {}", f));
        RulesRegistry.Configured configured = registry.configured();
        if (!configured.active()) {
            log.warn("the {} rules bundle ({}, {}) differs from the stored active version #{} ({}, {}): it is NOT live;"
                    + " it goes live only through an explicit activation (POST /v1/rules/activations)",
                    configured.origin(), configured.version(), configured.contentHash(), active.versionId(),
                    active.version(), active.contentHash());
        }
        if (settings.warmUpCompiler()) {
            // The first activation after start otherwise pays for the rules compiler's cold code (bench/RESULTS.md).
            Thread warmUp = new Thread(() -> RuleSetCompiler.warmUp(preload.bundle()), "rules-compiler-warm-up");
            warmUp.setDaemon(true);
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.setContextClassLoader(RuleSetCompiler.class.getClassLoader());
            warmUp.start();
        }
        return registry;
    }

    /** What the engines read: the registry's live rules. */
    @Bean
    ActiveRules activeRules(RulesRegistry registry) {
        return registry.live();
    }

    /** The rules compiling in the background; {@link #await()} gives them, or throws the load's own error. */
    static final class RulesPreload implements BeanFactoryPostProcessor {

        private final RuleBundle bundle;
        private final CompletableFuture<RuleSet> compiled;

        RulesPreload(String rulesDir) {
            bundle = rulesDir.isBlank() ? RuleBundle.fromClasspath() : RuleBundle.fromDirectory(Path.of(rulesDir));
            compiled = CompletableFuture.supplyAsync(() -> RuleSetCompiler.compile(bundle));
        }

        RuleBundle bundle() {
            return bundle;
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

    @Bean
    org.il7cds.engine.course.RetreatmentEngine retreatmentEngine(ActiveRules rules, EligibilityEngine eligibility,
            DosingEngine dosing, org.il7cds.engine.course.MonitoringEngine monitoring, Clock clock) {
        return new org.il7cds.engine.course.RetreatmentEngine(rules, eligibility, dosing, monitoring, clock);
    }

    @Bean
    org.il7cds.engine.course.MonitoringEngine monitoringEngine(ActiveRules rules, Clock clock) {
        return new org.il7cds.engine.course.MonitoringEngine(rules, clock);
    }
}
