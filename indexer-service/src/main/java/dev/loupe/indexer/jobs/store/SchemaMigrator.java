package dev.loupe.indexer.jobs.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Brings the indexer's schema to the newest version: applies the resources {@code db/indexer/1.sql},
 * {@code 2.sql}, ... not yet recorded in {@code schema_version}, each in one transaction with its
 * version row. Every transaction first takes a transaction-scoped advisory lock, so instances that
 * start at the same time apply each script once: the second waits, then finds it recorded. A script is
 * never edited once released; a change is a new number.
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    /** Where the scripts lie on the class path. */
    static final String LOCATION = "db/indexer/";

    /** Advisory lock key (namespace, id) of migrations; jobs use {@link ImportStore#LOCK_NAMESPACE}. */
    private static final int LOCK_NAMESPACE = 0x4C4F5551;

    private static final int LOCK_ID = 1;

    private final Pool pool;
    private final Duration timeout;

    /** @param timeout longest wait for one script, the lock included */
    public SchemaMigrator(Pool pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    /**
     * Applies the pending scripts.
     *
     * @return the schema version after migrating
     * @throws IllegalStateException when a script fails (it is rolled back; the message says which)
     */
    public int migrate() {
        List<String> scripts = scripts();
        int applied = 0;
        for (int i = 0; i < scripts.size(); i++) {
            int version = i + 1;
            String script = scripts.get(i);
            boolean ran;
            try {
                ran = pool.withTransaction(connection -> apply(connection, version, script))
                        .await()
                        .atMost(timeout);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "database migration " + LOCATION + version + ".sql failed: " + e.getMessage(), e);
            }
            if (ran) {
                applied++;
            }
        }
        int current = pool.query("SELECT coalesce(max(version), 0) FROM schema_version")
                .execute()
                .await()
                .atMost(timeout)
                .iterator()
                .next()
                .getInteger(0);
        if (applied > 0) {
            LOG.infof("database schema migrated to version %d (%d script(s) applied)", current, applied);
        }
        if (current > scripts.size()) {
            LOG.warnf(
                    "database schema version %d is newer than this build's %d: a newer indexer migrated it",
                    current, scripts.size());
        }
        return current;
    }

    private static Uni<Boolean> apply(SqlConnection connection, int version, String script) {
        return connection
                .preparedQuery("SELECT pg_advisory_xact_lock($1, $2)")
                .execute(Tuple.of(LOCK_NAMESPACE, LOCK_ID))
                .chain(() -> connection
                        .query("CREATE TABLE IF NOT EXISTS schema_version ("
                                + "version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
                        .execute())
                .chain(() -> connection
                        .preparedQuery("SELECT 1 FROM schema_version WHERE version = $1")
                        .execute(Tuple.of(version)))
                .chain(found -> found.size() > 0
                        ? Uni.createFrom().item(false)
                        : connection
                                .query(script)
                                .execute()
                                .chain(() -> connection
                                        .preparedQuery("INSERT INTO schema_version(version) VALUES ($1)")
                                        .execute(Tuple.of(version)))
                                .replaceWith(true));
    }

    /** The scripts 1, 2, ... up to the first missing number. */
    static List<String> scripts() {
        List<String> scripts = new ArrayList<>();
        ClassLoader loader = SchemaMigrator.class.getClassLoader();
        while (true) {
            String name = LOCATION + (scripts.size() + 1) + ".sql";
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    return scripts;
                }
                scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
        }
    }
}
