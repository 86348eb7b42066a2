package org.il7cds.api.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * New, empty databases of both kinds the service runs on, as the datasource properties the service takes
 * ({@code spring.datasource.url=...}) or as a migrated {@link DataSource}: an H2 file database in a new directory,
 * or a new database on one real PostgreSQL server (zonky's embedded binaries from Maven Central) that this JVM
 * starts on first use and stops at exit.
 */
public final class TestDatabases {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static List<String> newH2() {
        try {
            String dir = Files.createTempDirectory("il7cds-data-").toString();
            return List.of("il7cds.data-dir=" + dir,
                    "spring.datasource.url=jdbc:h2:file:" + dir + "/il7cds;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> newPostgres() {
        EmbeddedPostgres server = postgres();
        String name = "il7cds_records_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return List.of("spring.datasource.url=" + server.getJdbcUrl("postgres", name),
                "spring.datasource.username=postgres", "spring.datasource.password=");
    }

    /**
     * A pooled data source for these properties (as the service's), with the service's Flyway migrations applied.
     * Nothing closes it: each belongs to one test's throw-away database.
     */
    public static DataSource migrated(List<String> properties) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(property(properties, "spring.datasource.url"));
        ds.setUsername(property(properties, "spring.datasource.username"));
        ds.setPassword(property(properties, "spring.datasource.password"));
        ds.setMaximumPoolSize(4);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    private static String property(List<String> properties, String name) {
        return properties.stream().filter(p -> p.startsWith(name + "=")).map(p -> p.substring(name.length() + 1))
                .findFirst().orElse(name.endsWith("url") ? null : "");
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the server's directory is temporary
                }
            }));
        }
        return postgres;
    }
}
