package org.il7cds.api.storage;

import java.util.List;
import org.il7cds.api.support.TestDatabases;

/** Replay across rules versions and a restart on a real PostgreSQL server (embedded binaries). */
class DecisionReplayPostgresIT extends DecisionReplayContract {

    @Override
    List<String> newDatabase() {
        return TestDatabases.newPostgres();
    }
}
