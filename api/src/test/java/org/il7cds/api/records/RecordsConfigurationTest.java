package org.il7cds.api.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where the journal lives, and when it is used: it belongs to one database. */
class RecordsConfigurationTest {

    @Test
    void theJournalOfAnH2FileDatabaseLivesBesideItsFile() {
        Path dataDir = Path.of("/var/lib/il7cds");
        assertThat(RecordsConfiguration.journalDir("jdbc:h2:file:/var/lib/il7cds/il7cds;WRITE_DELAY=0", dataDir))
                .isEqualTo(Path.of("/var/lib/il7cds/il7cds-records-journal"));
        assertThat(RecordsConfiguration.journalDir("jdbc:h2:file:/tmp/it/7f3a/il7cds", dataDir))
                .as("each test database its own journal").isEqualTo(Path.of("/tmp/it/7f3a/il7cds-records-journal"));
        assertThat(RecordsConfiguration.journalDir("jdbc:h2:file:~/cds/db;MODE=PostgreSQL", dataDir))
                .isEqualTo(Path.of(System.getProperty("user.home"), "cds", "db-records-journal"));
    }

    @Test
    void anotherDatabasesJournalLivesUnderTheDataDirectory() {
        assertThat(RecordsConfiguration.journalDir("jdbc:postgresql://db.clinic.example/il7cds",
                Path.of("/var/lib/il7cds"))).isEqualTo(Path.of("/var/lib/il7cds/records-journal"));
    }

    @Test
    void autoJournalsTheEmbeddedFileDatabaseOnly() {
        assertThat(RecordsProperties.Journal.AUTO.usedFor("jdbc:h2:file:./data/il7cds")).isTrue();
        assertThat(RecordsProperties.Journal.AUTO.usedFor("jdbc:postgresql://db/il7cds")).isFalse();
        assertThat(RecordsProperties.Journal.AUTO.usedFor("jdbc:h2:mem:x")).isFalse();
        assertThat(RecordsProperties.Journal.ON.usedFor("jdbc:postgresql://db/il7cds")).isTrue();
        assertThat(RecordsProperties.Journal.OFF.usedFor("jdbc:h2:file:./data/il7cds")).isFalse();
    }
}
