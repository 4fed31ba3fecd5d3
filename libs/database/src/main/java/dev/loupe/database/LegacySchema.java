package dev.loupe.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Adopts a database migrated before Loupe used Flyway: its version table was {@code schema_version}.
 * search-service's standalone databases held counted import jobs ({@code import_job} with a {@code
 * done} column, {@code import_failure}) and the classifier sessions; indexer-service's held today's
 * import jobs. The counted jobs (history of finished imports; the photos they indexed stay in the
 * index) and the old version table move to schema {@code loupe_legacy}, kept, not dropped; the tables
 * that match today's schema stay where they are for the {@code IF NOT EXISTS} migrations to find.
 */
final class LegacySchema {

    private static final Logger LOG = Logger.getLogger(LegacySchema.class);

    static final String LEGACY = "loupe_legacy";

    private LegacySchema() {}

    static void adopt(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!table(connection, "schema_version") || table(connection, LoupeSchema.HISTORY_TABLE)) {
                return;
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + LEGACY);
                if (column(connection, "import_job", "done")) {
                    statement.execute("ALTER TABLE import_failure SET SCHEMA " + LEGACY);
                    statement.execute("ALTER TABLE import_job SET SCHEMA " + LEGACY);
                    LOG.infof("the import jobs of the earlier schema are kept in %s.import_job", LEGACY);
                }
                statement.execute("ALTER TABLE schema_version SET SCHEMA " + LEGACY);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean table(Connection connection, String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rows = meta.getTables(null, "public", name, new String[] {"TABLE"})) {
            return rows.next();
        }
    }

    private static boolean column(Connection connection, String table, String column) throws SQLException {
        try (ResultSet rows = connection.getMetaData().getColumns(null, "public", table, column)) {
            return rows.next();
        }
    }
}
