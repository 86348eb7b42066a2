package org.il7cds.api.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The durability contract on a real PostgreSQL server (zonky's embedded binaries from Maven Central, started on a
 * free loopback port for this class): a new database for every test.
 */
class DurableRulesPostgresIT extends DurableRulesContract {

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws IOException {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        server.close();
    }

    @Override
    List<String> newDatabase() {
        String name = "il7cds_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return List.of("spring.datasource.url=" + server.getJdbcUrl("postgres", name),
                "spring.datasource.username=postgres", "spring.datasource.password=");
    }

    static EmbeddedPostgres server() {
        return server;
    }
}
