package dev.loupe.jobs.store;

import dev.loupe.ingest.IngestEvent;
import dev.loupe.ingest.IngestEventJson;
import dev.loupe.jobs.ImportFailure;
import dev.loupe.jobs.ImportJob;
import dev.loupe.jobs.ImportRate;
import dev.loupe.jobs.ImportStatus;
import dev.loupe.jobs.ImportStillExpandingException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Import jobs and their items in PostgreSQL (tables {@code import_job} and {@code import_items}),
 * through the reactive client. Methods block the calling thread up to the database timeout: call them
 * from worker or virtual threads, never from the event loop. Changes of one job's items that decide
 * whether it is done run under a lock on its row, so that "no item pending" is seen by exactly one
 * transaction.
 */
public final class ImportStore {

    /** Advisory lock namespace of the job a process is expanding or publishing (id: hash of the job id). */
    static final int LOCK_NAMESPACE = 0x4C4F5550;

    private static final String JOB_COLUMNS = "j.id, j.status, j.collection, j.source_type, j.source, j.reason,"
            + " j.created_at, j.started_at, j.finished_at";

    /** Counts and times of a job's items, for its view; {@code $2} is the rate window in seconds. */
    private static final String ITEM_COUNTS = "count(i.position) AS total,"
            + " count(*) FILTER (WHERE i.status = 'indexed') AS indexed,"
            + " count(*) FILTER (WHERE i.status = 'skipped') AS skipped,"
            + " count(*) FILTER (WHERE i.status = 'failed') AS failed,"
            + " count(*) FILTER (WHERE i.status = 'pending') AS pending,"
            + " count(*) FILTER (WHERE i.status <> 'pending' AND i.attempts > 0) AS finished,"
            + " count(*) FILTER (WHERE i.status <> 'pending' AND i.attempts > 0"
            + "   AND i.updated_at > now() - make_interval(secs => $2)) AS recent,"
            + " max(i.updated_at) FILTER (WHERE i.status <> 'pending' AND i.attempts > 0) AS last_finished,"
            + " now() AS now";

    /** Marks a running job done when none of its items is pending; {@code $1} is its id. */
    private static final String COMPLETE = "UPDATE import_job SET status = 'done', finished_at = now()"
            + " WHERE id = $1 AND status = 'running'"
            + " AND NOT EXISTS (SELECT 1 FROM import_items WHERE import_id = $1 AND status = 'pending')"
            + " RETURNING id";

    private final Pool pool;
    private final Duration timeout;

    /** @param timeout longest wait for one statement or transaction */
    public ImportStore(Pool pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    /** An item a source yielded, as stored. */
    public record NewItem(int position, String photoId, String source, String reason, IngestEvent event) {

        /** A photo or text record to send: pending, attempt 1, its event waiting for the publisher. */
        public static NewItem of(int position, String source, IngestEvent event) {
            return new NewItem(position, event.itemId(), source, null, event);
        }

        /** An entry the source refused: failed at once, nothing to send. */
        public static NewItem refused(int position, String source, String reason) {
            return new NewItem(position, null, source, reason, null);
        }
    }

    /** What the consumer reported for one photo: {@code indexed}, {@code skipped} or {@code failed}. */
    public record ItemOutcome(String photoId, String status, String reason) {}

    /** An event still to hand to the publisher. */
    public record Unsent(int position, String eventJson) {}

    /** What a runner needs of a job. */
    public record JobState(ImportStatus status, String collection, JsonObject request) {}

    /** Records a new job in {@code expanding}. */
    public void create(String id, String collection, String sourceType, String source, JsonObject request) {
        await(pool.preparedQuery("INSERT INTO import_job(id, status, collection, source_type, source, request)"
                        + " VALUES ($1, 'expanding', $2, $3, $4, $5)")
                .execute(Tuple.of(id, collection, sourceType, source, request)));
    }

    public Optional<JobState> state(String id) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT status, collection, request FROM import_job WHERE id = $1")
                .execute(Tuple.of(id)));
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new JobState(ImportStatus.parse(row.getString(0)), row.getString(1), row.getJsonObject(2)));
    }

    /**
     * Stores items of an expanding job; items already stored (same position or photo id: a resumed
     * expansion, a photo the source lists twice) are left as they are.
     *
     * @return how many were new
     */
    public int insertItems(String id, List<NewItem> items) {
        if (items.isEmpty()) {
            return 0;
        }
        List<Tuple> rows = new ArrayList<>(items.size());
        for (NewItem item : items) {
            boolean photo = item.event() != null;
            rows.add(Tuple.tuple()
                    .addString(id)
                    .addInteger(item.position())
                    .addString(item.photoId())
                    .addString(item.source())
                    .addString(photo ? "pending" : "failed")
                    .addString(item.reason())
                    .addInteger(photo ? 1 : 0)
                    .addValue(photo ? new JsonObject(IngestEventJson.write(item.event())) : null)
                    .addBoolean(photo));
        }
        RowSet<Row> result = await(pool.preparedQuery(
                        "INSERT INTO import_items(import_id, position, photo_id, source, status, reason, attempts,"
                                + " event, publish_pending) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                                + " ON CONFLICT DO NOTHING")
                .executeBatch(rows));
        int inserted = 0;
        for (RowSet<Row> part = result; part != null; part = part.next()) {
            inserted += part.rowCount();
        }
        return inserted;
    }

    /**
     * Ends an expansion: the job becomes {@code running} (and {@code done} at once when nothing is
     * pending, e.g. every entry was refused).
     */
    public void markExpanded(String id) {
        await(pool.withTransaction(connection -> lockJob(connection, id)
                .chain(() -> connection
                        .preparedQuery("UPDATE import_job SET status = 'running', started_at = now()"
                                + " WHERE id = $1 AND status = 'expanding'")
                        .execute(Tuple.of(id)))
                .chain(() -> connection.preparedQuery(COMPLETE).execute(Tuple.of(id)))));
    }

    /**
     * Fails a job as a whole. Its items not yet sent fail too (with a reason saying so), so that a
     * redrive can send them; items already sent go on.
     */
    public void fail(String id, String reason) {
        await(pool.withTransaction(connection -> lockJob(connection, id)
                .chain(() -> connection
                        .preparedQuery("UPDATE import_items SET status = 'failed', reason = $2,"
                                + " publish_pending = false, updated_at = now()"
                                + " WHERE import_id = $1 AND publish_pending AND status = 'pending'")
                        .execute(Tuple.of(id, "not sent: the import failed (" + reason + ")")))
                .chain(() -> connection
                        .preparedQuery("UPDATE import_job SET status = 'failed', reason = $2, finished_at = now()"
                                + " WHERE id = $1")
                        .execute(Tuple.of(id, reason)))));
    }

    /** The first {@code limit} events of a job still to publish, in source order. */
    public List<Unsent> unsent(String id, int limit) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT position, event::text FROM import_items"
                        + " WHERE import_id = $1 AND publish_pending ORDER BY position LIMIT $2")
                .execute(Tuple.of(id, limit)));
        List<Unsent> unsent = new ArrayList<>(rows.size());
        for (Row row : rows) {
            unsent.add(new Unsent(row.getInteger(0), row.getString(1)));
        }
        return unsent;
    }

    /** Records that the publisher acknowledged these items' events. */
    public void markPublished(String id, List<Integer> positions) {
        await(pool.preparedQuery("UPDATE import_items SET publish_pending = false"
                        + " WHERE import_id = $1 AND position = ANY($2)")
                .execute(Tuple.of(id, positions.toArray(Integer[]::new))));
    }

    /** Marks a running job done if none of its items is pending. */
    public void completeIfFinished(String id) {
        await(pool.withTransaction(connection -> lockJob(connection, id)
                .chain(() -> connection.preparedQuery(COMPLETE).execute(Tuple.of(id)))));
    }

    /**
     * Records the consumer's outcomes, idempotently: only a pending item changes, or a failed one that
     * was after all indexed or skipped (a retry that succeeded); a redelivered outcome finds its item
     * already final and changes nothing. The job becomes {@code done} when no item is left pending.
     *
     * @return how many items changed, by new status; empty for an unknown job
     */
    public Map<String, Long> record(String id, List<ItemOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Map.of();
        }
        String[] photoIds = outcomes.stream().map(ItemOutcome::photoId).toArray(String[]::new);
        String[] statuses = outcomes.stream().map(ItemOutcome::status).toArray(String[]::new);
        String[] reasons = outcomes.stream().map(ItemOutcome::reason).toArray(String[]::new);
        RowSet<Row> changed = await(pool.withTransaction(connection -> lockJob(connection, id)
                .chain(found -> found.size() == 0
                        ? Uni.createFrom().<RowSet<Row>>nullItem()
                        : connection
                                .preparedQuery("UPDATE import_items i SET status = u.status, reason = u.reason,"
                                        + " updated_at = now()"
                                        + " FROM unnest($2::text[], $3::text[], $4::text[]) AS u(photo_id, status, reason)"
                                        + " WHERE i.import_id = $1 AND i.photo_id = u.photo_id"
                                        + " AND (i.status = 'pending' OR (i.status = 'failed' AND u.status <> 'failed'))"
                                        + " RETURNING i.status")
                                .execute(Tuple.of(id, photoIds, statuses, reasons))
                                .call(() -> connection.preparedQuery(COMPLETE).execute(Tuple.of(id))))));
        if (changed == null) {
            return Map.of();
        }
        Map<String, Long> counts = new HashMap<>();
        for (Row row : changed) {
            counts.merge(row.getString(0), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Sends a job's failed photos again: each becomes pending with a new event (new id, attempt + 1)
     * for the publisher, and the job {@code running}. Refused entries have nothing to send and stay.
     *
     * @return how many items were redriven; empty for an unknown job
     * @throws ImportStillExpandingException while the job is still expanding
     */
    public Optional<Integer> redrive(String id) {
        Integer count =
                await(pool.withTransaction(connection -> lockJob(connection, id).chain(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    if (found.iterator().next().getString(0).equals("expanding")) {
                        return Uni.createFrom().failure(new ImportStillExpandingException(id));
                    }
                    return connection
                            .preparedQuery("UPDATE import_items SET status = 'pending', reason = NULL,"
                                    + " attempts = attempts + 1, publish_pending = true, updated_at = now(),"
                                    + " event = jsonb_set(jsonb_set(event, '{eventId}', to_jsonb(gen_random_uuid()::text)),"
                                    + "   '{occurredAt}', to_jsonb(to_char(now() AT TIME ZONE 'UTC',"
                                    + "   'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')))"
                                    + " WHERE import_id = $1 AND status = 'failed' AND event IS NOT NULL")
                            .execute(Tuple.of(id))
                            .map(RowSet::rowCount)
                            .call(n -> n == 0
                                    ? Uni.createFrom().voidItem()
                                    : connection
                                            .preparedQuery("UPDATE import_job SET status = 'running', reason = NULL,"
                                                    + " finished_at = NULL, started_at = coalesce(started_at, now())"
                                                    + " WHERE id = $1")
                                            .execute(Tuple.of(id)));
                })));
        return Optional.ofNullable(count);
    }

    /** A job with its counts, rate and first {@code failuresLimit} failures. */
    public Optional<ImportJob> find(String id, int failuresLimit, Duration rateWindow) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT " + JOB_COLUMNS + ", " + ITEM_COUNTS
                        + " FROM import_job j LEFT JOIN import_items i ON i.import_id = j.id"
                        + " WHERE j.id = $1 GROUP BY j.id")
                .execute(Tuple.of(id, seconds(rateWindow))));
        if (rows.size() == 0) {
            return Optional.empty();
        }
        RowSet<Row> failures = await(pool.preparedQuery("SELECT source, reason FROM import_items"
                        + " WHERE import_id = $1 AND status = 'failed' ORDER BY position LIMIT $2")
                .execute(Tuple.of(id, failuresLimit)));
        List<ImportFailure> listed = new ArrayList<>(failures.size());
        for (Row row : failures) {
            listed.add(new ImportFailure(row.getString(0), row.getString(1)));
        }
        return Optional.of(job(rows.iterator().next(), rateWindow, listed));
    }

    /** The newest jobs first, without their failures. */
    public List<ImportJob> recent(int limit, Duration rateWindow) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT " + JOB_COLUMNS + ", " + ITEM_COUNTS
                        + " FROM (SELECT * FROM import_job ORDER BY created_at DESC, id LIMIT $1) j"
                        + " LEFT JOIN import_items i ON i.import_id = j.id"
                        + " GROUP BY j.id, j.status, j.collection, j.source_type, j.source, j.reason,"
                        + " j.created_at, j.started_at, j.finished_at"
                        + " ORDER BY j.created_at DESC, j.id")
                .execute(Tuple.of(limit, seconds(rateWindow))));
        List<ImportJob> jobs = new ArrayList<>(rows.size());
        for (Row row : rows) {
            jobs.add(job(row, rateWindow, null));
        }
        return jobs;
    }

    /**
     * Jobs some process must carry on: still expanding, or with events not yet acknowledged by the
     * publisher. Oldest first, at most {@code limit}.
     */
    public List<String> unfinished(int limit) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT id FROM import_job j WHERE status = 'expanding'"
                        + " OR EXISTS (SELECT 1 FROM import_items i WHERE i.import_id = j.id AND i.publish_pending)"
                        + " ORDER BY created_at LIMIT $1")
                .execute(Tuple.of(limit)));
        List<String> ids = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getString(0));
        }
        return ids;
    }

    /** How many jobs are expanding or running. */
    public long active() {
        return await(pool.query("SELECT count(*) FROM import_job WHERE status IN ('expanding', 'running')")
                        .execute())
                .iterator()
                .next()
                .getLong(0);
    }

    /** Jobs by status, every status present (0 when none). */
    public Map<ImportStatus, Long> jobsByStatus() {
        Map<ImportStatus, Long> counts = new LinkedHashMap<>();
        for (ImportStatus status : ImportStatus.values()) {
            counts.put(status, 0L);
        }
        for (Row row : await(pool.query("SELECT status, count(*) FROM import_job GROUP BY status")
                .execute())) {
            counts.put(ImportStatus.parse(row.getString(0)), row.getLong(1));
        }
        return counts;
    }

    /** Items of the jobs still expanding or running, by status. */
    public Map<String, Long> activeItemsByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of("pending", "indexed", "skipped", "failed")) {
            counts.put(status, 0L);
        }
        for (Row row : await(pool.query("SELECT i.status, count(*) FROM import_items i JOIN import_job j"
                        + " ON j.id = i.import_id WHERE j.status IN ('expanding', 'running') GROUP BY i.status")
                .execute())) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

    /**
     * Claims a job for this process: takes a session advisory lock on a connection held until the
     * claim is closed. A process that dies loses its connection and with it the claim, so another one
     * may take the job over.
     *
     * @return the claim; empty when another process holds the job
     */
    public Optional<Claim> claim(String id) {
        SqlConnection connection = await(pool.getConnection());
        boolean claimed;
        try {
            claimed = await(connection
                            .preparedQuery("SELECT pg_try_advisory_lock($1, hashtext($2))")
                            .execute(Tuple.of(LOCK_NAMESPACE, id)))
                    .iterator()
                    .next()
                    .getBoolean(0);
        } catch (RuntimeException e) {
            connection.closeAndAwait();
            throw e;
        }
        if (!claimed) {
            connection.closeAndAwait();
            return Optional.empty();
        }
        return Optional.of(new Claim(connection, id));
    }

    /** A job this process holds; closing it releases the job. */
    public final class Claim implements AutoCloseable {

        private final SqlConnection connection;
        private final String id;

        private Claim(SqlConnection connection, String id) {
            this.connection = connection;
            this.id = id;
        }

        @Override
        public void close() {
            try {
                await(connection
                        .preparedQuery("SELECT pg_advisory_unlock($1, hashtext($2))")
                        .execute(Tuple.of(LOCK_NAMESPACE, id)));
            } finally {
                connection.closeAndAwait(); // back to the pool, unlocked
            }
        }
    }

    private static Uni<RowSet<Row>> lockJob(SqlConnection connection, String id) {
        return connection
                .preparedQuery("SELECT status FROM import_job WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id));
    }

    private static ImportJob job(Row row, Duration rateWindow, List<ImportFailure> failures) {
        ImportStatus status = ImportStatus.parse(row.getString("status"));
        Instant startedAt = instant(row.getOffsetDateTime("started_at"));
        long pending = row.getLong("pending");
        ImportRate rate = ImportRate.of(
                status,
                startedAt,
                instant(row.getOffsetDateTime("now")),
                rateWindow,
                row.getLong("recent"),
                row.getLong("finished"),
                instant(row.getOffsetDateTime("last_finished")),
                pending);
        return new ImportJob(
                row.getString("id"),
                status,
                row.getString("collection"),
                row.getString("source_type"),
                row.getString("source"),
                row.getLong("total"),
                row.getLong("indexed"),
                row.getLong("indexed"),
                row.getLong("failed"),
                row.getLong("skipped"),
                pending,
                rate.photosPerSecond(),
                rate.etaSeconds(),
                row.getString("reason"),
                failures,
                instant(row.getOffsetDateTime("created_at")),
                startedAt,
                instant(row.getOffsetDateTime("finished_at")));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private <T> T await(Uni<T> uni) {
        return uni.await().atMost(timeout);
    }
}
