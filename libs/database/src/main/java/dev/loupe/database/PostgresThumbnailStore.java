package dev.loupe.database;

import dev.loupe.ingest.ThumbnailStore;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Thumbnails in PostgreSQL (table {@code photo_thumbnail}), where every search-service replica reads
 * what indexer-service wrote. Calls block up to the timeout: make them from worker or virtual threads.
 */
public final class PostgresThumbnailStore implements ThumbnailStore {

    private final Pool pool;
    private final Duration timeout;

    /** @param timeout longest wait for one statement */
    public PostgresThumbnailStore(Pool pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    @Override
    public void put(String collection, String photoId, byte[] jpeg) throws IOException {
        try {
            pool.preparedQuery(
                            "INSERT INTO photo_thumbnail(collection, photo_id, jpeg) VALUES ($1, $2, $3)"
                                    + " ON CONFLICT (collection, photo_id) DO UPDATE SET jpeg = excluded.jpeg, updated_at = now()")
                    .execute(Tuple.of(collection, photoId, Buffer.buffer(jpeg).getDelegate()))
                    .await()
                    .atMost(timeout);
        } catch (RuntimeException e) {
            throw new IOException("cannot store the thumbnail of " + photoId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String collection, String photoId) throws IOException {
        RowSet<Row> rows;
        try {
            rows = pool.preparedQuery("SELECT jpeg FROM photo_thumbnail WHERE collection = $1 AND photo_id = $2")
                    .execute(Tuple.of(collection, photoId))
                    .await()
                    .atMost(timeout);
        } catch (RuntimeException e) {
            throw new IOException("cannot read the thumbnail of " + photoId + ": " + e.getMessage(), e);
        }
        if (rows.size() == 0) {
            return Optional.empty();
        }
        return Optional.of(rows.iterator().next().getBuffer(0).getBytes());
    }

    @Override
    public void deleteCollection(String collection) {
        try {
            pool.preparedQuery("DELETE FROM photo_thumbnail WHERE collection = $1")
                    .execute(Tuple.of(collection))
                    .await()
                    .atMost(timeout);
        } catch (RuntimeException e) {
            throw new java.io.UncheckedIOException(new IOException(
                    "cannot delete the thumbnails of collection " + collection + ": " + e.getMessage(), e));
        }
    }
}
