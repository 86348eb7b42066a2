package org.il7cds.api.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The durability contract on the embedded default: an H2 file database in a new directory. */
class DurableRulesH2IT extends DurableRulesContract {

    @Override
    List<String> newDatabase() {
        try {
            String dir = Files.createTempDirectory("il7cds-data-").toString();
            return List.of("il7cds.data-dir=" + dir,
                    "spring.datasource.url=jdbc:h2:file:" + dir + "/il7cds;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
