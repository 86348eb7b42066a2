package org.il7cds.api.records;

import java.time.Clock;
import org.il7cds.engine.records.DecisionRecorder;
import org.il7cds.engine.records.DecisionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** The decision store (the service's database), its recorder (group commit) and the recording the operations call. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecordsProperties.class)
class RecordsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RecordsConfiguration.class);

    @Bean
    @DependsOnDatabaseInitialization
    DecisionStore decisionStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new JdbcDecisionStore(jdbc, transactions);
    }

    @Bean(destroyMethod = "close")
    DecisionRecorder decisionRecorder(DecisionStore store, RecordsProperties properties) {
        return new DecisionRecorder(store, properties.commitWait(), properties.maxPending(), properties.gatherWait());
    }

    /**
     * @param disabled {@code il7cds.bench.recording-disabled}: for the benchmark that compares the same server with
     *     and without recording, never for clinical use (answers are then unrecorded and carry no decision id)
     */
    @Bean
    DecisionRecording decisionRecording(DecisionRecorder recorder, JsonMapper json, Clock clock,
            RecordsProperties properties, @Value("${il7cds.bench.recording-disabled:false}") boolean disabled) {
        if (disabled) {
            log.warn("DECISION RECORDING IS OFF (il7cds.bench.recording-disabled=true): answers are not recorded and"
                    + " carry no decision id. This setting exists for the recording benchmark only; never use it for"
                    + " clinical work.");
            return new DecisionRecording(null, json, clock, false);
        }
        return new DecisionRecording(recorder, json, clock, properties.keepAnswerText());
    }
}
