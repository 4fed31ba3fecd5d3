package dev.loupe.search.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Brings the schema to the newest version: applies the resources {@code migration/1.sql}, {@code
 * 2.sql}, ... (next to this class) above the version recorded in {@code schema_version}, each in one
 * transaction with its version row. A script is never edited once released; a change is a new number.
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies the pending scripts.
     *
     * @return the schema version after migrating
     */
    public int migrate() throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            }
            int current = current(connection);
            int version = current;
            for (String script = script(version + 1); script != null; script = script(version + 1)) {
                apply(connection, version + 1, script);
                version++;
            }
            if (version != current) {
                LOG.infof("database schema migrated from version %d to %d", current, version);
            }
            return version;
        }
    }

    private static int current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, int version, String script) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                PreparedStatement record =
                        connection.prepareStatement("INSERT INTO schema_version(version) VALUES (?)")) {
            statement.execute(script);
            record.setInt(1, version);
            record.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + version + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The script of a version, or null when there is none (the newest is applied). */
    private static String script(int version) throws IOException {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream("migration/" + version + ".sql")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
