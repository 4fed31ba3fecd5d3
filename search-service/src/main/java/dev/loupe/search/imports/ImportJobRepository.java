package dev.loupe.search.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Import jobs in PostgreSQL (tables {@code import_job} and {@code import_failure}), plain JDBC.
 * Thread-safe: every call takes its own connection.
 */
@ApplicationScoped
public class ImportJobRepository {

    /** The reason given to jobs a restart cut off. */
    public static final String INTERRUPTED = "interrupted by a restart";

    /** Most failures kept per job; the count goes on beyond it. */
    static final int MAX_STORED_FAILURES = 10_000;

    /** Most failures a job's view lists. */
    static final int MAX_LISTED_FAILURES = 1000;

    private final DataSource dataSource;
    private final Clock clock;

    @Inject
    ImportJobRepository(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public ImportJobRepository(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Records a new queued job. */
    public void create(String id, String collection, String sourceType, String source) {
        update(
                "INSERT INTO import_job(id, status, collection, source_type, source, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                ImportStatus.QUEUED.name(),
                collection,
                sourceType,
                source,
                now());
    }

    /** Removes a job that never ran (the queue refused it). */
    public void delete(String id) {
        update("DELETE FROM import_job WHERE id = ?", id);
    }

    public void markRunning(String id) {
        update("UPDATE import_job SET status = ?, started_at = ? WHERE id = ?", ImportStatus.RUNNING.name(), now(), id);
    }

    /** Adds to the job's counts, stores new failures (up to {@link #MAX_STORED_FAILURES}), sets the total when known. */
    public void progress(String id, Long total, long done, long failed, long skipped, List<ImportFailure> failures) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement counts = connection.prepareStatement(
                    "UPDATE import_job SET total = coalesce(?, total), done = done + ?, failed = failed + ?,"
                            + " skipped = skipped + ? WHERE id = ?")) {
                if (total == null) {
                    counts.setNull(1, java.sql.Types.BIGINT);
                } else {
                    counts.setLong(1, total);
                }
                counts.setLong(2, done);
                counts.setLong(3, failed);
                counts.setLong(4, skipped);
                counts.setString(5, id);
                counts.executeUpdate();
            }
            if (!failures.isEmpty()) {
                long stored = count(connection, id);
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO import_failure(job_id, source, reason) VALUES (?, ?, ?)")) {
                    for (ImportFailure failure : failures) {
                        if (stored++ >= MAX_STORED_FAILURES) {
                            break;
                        }
                        insert.setString(1, id);
                        insert.setString(2, failure.source());
                        insert.setString(3, failure.reason());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw failure("cannot record the progress of import " + id, e);
        }
    }

    /** Marks a job done (every item handled) or failed as a whole, with the reason. */
    public void finish(String id, ImportStatus status, String reason) {
        update(
                "UPDATE import_job SET status = ?, reason = ?, finished_at = ? WHERE id = ?",
                status.name(),
                reason,
                now(),
                id);
    }

    /**
     * Marks every job still queued or running failed with {@link #INTERRUPTED}: this process starts, so
     * no job can be running. Photos they indexed stay; importing again skips them as unchanged.
     *
     * @return how many jobs were marked
     */
    public int failInterrupted() {
        return update(
                "UPDATE import_job SET status = ?, reason = ?, finished_at = ? WHERE status IN (?, ?)",
                ImportStatus.FAILED.name(),
                INTERRUPTED,
                now(),
                ImportStatus.QUEUED.name(),
                ImportStatus.RUNNING.name());
    }

    /** A job with its first {@link #MAX_LISTED_FAILURES} failures. */
    public Optional<ImportJob> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT * FROM import_job WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(job(rows, failures(connection, id)));
            }
        } catch (SQLException e) {
            throw failure("cannot read import " + id, e);
        }
    }

    /** The newest jobs first, without their failures. */
    public List<ImportJob> recent(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT * FROM import_job ORDER BY created_at DESC, id LIMIT ?")) {
            query.setInt(1, limit);
            List<ImportJob> jobs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    jobs.add(job(rows, null));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw failure("cannot list imports", e);
        }
    }

    private static List<ImportFailure> failures(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT source, reason FROM import_failure WHERE job_id = ? ORDER BY position LIMIT ?")) {
            query.setString(1, id);
            query.setInt(2, MAX_LISTED_FAILURES);
            List<ImportFailure> failures = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    failures.add(new ImportFailure(rows.getString(1), rows.getString(2)));
                }
            }
            return failures;
        }
    }

    private static long count(Connection connection, String id) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT count(*) FROM import_failure WHERE job_id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static ImportJob job(ResultSet row, List<ImportFailure> failures) throws SQLException {
        return new ImportJob(
                row.getString("id"),
                ImportStatus.parse(row.getString("status")),
                row.getString("collection"),
                row.getString("source_type"),
                row.getString("source"),
                row.getLong("total"),
                row.getLong("done"),
                row.getLong("failed"),
                row.getLong("skipped"),
                row.getString("reason"),
                failures,
                instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("started_at")),
                instant(row.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("import job database: " + sql.substring(0, sql.indexOf(' ')), e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
