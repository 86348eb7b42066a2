package org.il7cds.api.storage;

import java.util.List;
import org.il7cds.api.support.TestDatabases;

/** Replay across rules versions and a restart on the embedded default: an H2 file database. */
class DecisionReplayH2IT extends DecisionReplayContract {

    @Override
    List<String> newDatabase() {
        return TestDatabases.newH2();
    }
}
