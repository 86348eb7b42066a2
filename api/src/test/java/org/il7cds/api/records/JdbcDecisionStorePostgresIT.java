package org.il7cds.api.records;

import javax.sql.DataSource;
import org.il7cds.api.support.TestDatabases;

/** The decision store on a real PostgreSQL server (embedded binaries): a new database for every test. */
class JdbcDecisionStorePostgresIT extends JdbcDecisionStoreContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.migrated(TestDatabases.newPostgres());
    }
}
