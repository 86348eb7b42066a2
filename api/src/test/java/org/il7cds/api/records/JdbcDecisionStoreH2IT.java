package org.il7cds.api.records;

import javax.sql.DataSource;
import org.il7cds.api.support.TestDatabases;

/** The decision store on the embedded default: an H2 file database in a new directory. */
class JdbcDecisionStoreH2IT extends JdbcDecisionStoreContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.migrated(TestDatabases.newH2());
    }
}
