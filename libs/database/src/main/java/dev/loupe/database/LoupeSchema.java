package dev.loupe.database;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Loupe's PostgreSQL schema, one for every service and both modes: import jobs and their items,
 * classifier sessions, thumbnails. Every service migrates it at start with Flyway (migrations {@code
 * db/loupe/V<n>__<what>.sql}; Flyway's lock makes instances that start together safe), so a database
 * any service of a release migrated serves them all. A migration is never edited once released; a
 * change is a new version.
 */
public final class LoupeSchema {

    private static final Logger LOG = Logger.getLogger(LoupeSchema.class);

    /** Flyway's history table. */
    static final String HISTORY_TABLE = "loupe_schema_history";

    /** The migrations, in order; {@link MigrationResources} serves them without scanning the class path. */
    static final List<String> MIGRATIONS =
            List.of("V1__import_jobs.sql", "V2__classifier_sessions.sql", "V3__thumbnails.sql");

    /** The tables the newest schema has (for tests and readiness checks). */
    public static final Set<String> TABLES =
            Set.of("import_job", "import_items", "classifier_session", "classifier_label", "photo_thumbnail");

    private LoupeSchema() {}

    /**
     * Brings the database to the newest schema. A database migrated before Flyway (a {@code
     * schema_version} table) is adopted first: what differs is set aside in schema {@code
     * loupe_legacy}, never dropped (see {@link LegacySchema}).
     *
     * @return the schema version now
     * @throws IllegalStateException when the database cannot be reached or a migration fails
     */
    public static String migrate(DataSource dataSource) {
        try {
            LegacySchema.adopt(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's earlier schema: " + e.getMessage(), e);
        }
        Flyway flyway = Flyway.configure(LoupeSchema.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .resourceProvider(new MigrationResources(MIGRATIONS))
                .javaMigrationClassProvider(List::of) // SQL migrations only
                // a database that holds Loupe's tables without a history (adopted above) starts at 0
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .cleanDisabled(true)
                .load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot migrate the database schema: " + e.getMessage(), e);
        }
        String version = flyway.info().current() == null
                ? "0"
                : flyway.info().current().getVersion().getVersion();
        if (result.migrationsExecuted > 0) {
            LOG.infof(
                    "database schema migrated from version %s to %s (%d migration(s))",
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    version,
                    result.migrationsExecuted);
        }
        return version;
    }
}
