package org.il7cds.api.records;

import java.nio.file.Path;
import java.time.Clock;
import org.il7cds.engine.records.DecisionRecorder;
import org.il7cds.engine.records.JournalledDecisionStore;
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

    /**
     * The database's records, with the journal in front of them when {@code il7cds.records.journal} says so (closed
     * after the recorder: it copies what is left into the database).
     */
    @Bean
    @DependsOnDatabaseInitialization
    DecisionStore decisionStore(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            RecordsProperties properties, @Value("${spring.datasource.url:}") String jdbcUrl,
            @Value("${il7cds.data-dir}") Path dataDir) {
        JdbcDecisionStore database = new JdbcDecisionStore(jdbc, transactions);
        if (!properties.journal().usedFor(jdbcUrl)) {
            return database;
        }
        return new JournalledDecisionStore(database, journalDir(jdbcUrl, dataDir), properties.maxPending(),
                properties.commitWait(), JournalledDecisionStore.DEFAULT_INDEX_DELAY,
                properties.journalSegmentSize().toBytes());
    }

    /**
     * Where the journal of the database at {@code jdbcUrl} lives: beside an H2 file database
     * ({@code ./data/il7cds} has {@code ./data/il7cds-records-journal/}), since a journal belongs to one database;
     * under {@code il7cds.data-dir} for another database.
     */
    static Path journalDir(String jdbcUrl, Path dataDir) {
        String prefix = "jdbc:h2:file:";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            return dataDir.resolve("records-journal");
        }
        String file = jdbcUrl.substring(prefix.length());
        int options = file.indexOf(';');
        if (options >= 0) {
            file = file.substring(0, options);
        }
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        Path database = Path.of(file);
        return database.resolveSibling(database.getFileName() + "-records-journal");
    }

    /** Direct in front of the journal (an append is a file write), group commit in front of a database. */
    @Bean(destroyMethod = "close")
    DecisionRecorder decisionRecorder(DecisionStore store, RecordsProperties properties) {
        if (store instanceof JournalledDecisionStore) {
            return DecisionRecorder.direct(store);
        }
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
