package dev.loupe.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.testkit.TestPostgres;
import io.vertx.mutiny.sqlclient.Pool;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Thumbnails in a real PostgreSQL table, by collection and photo id. */
class PostgresThumbnailStoreTest {

    private static TestPostgres server;
    private static Pool pool;
    private static PostgresThumbnailStore store;

    @BeforeAll
    static void start() {
        server = new TestPostgres();
        String database = server.freshDatabaseName();
        LoupeSchema.migrate(server.dataSource(database));
        pool = server.pool(database);
        store = new PostgresThumbnailStore(pool, TestPostgres.TIMEOUT);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void stores_replaces_and_reads_a_thumbnail_by_collection_and_id() throws IOException {
        store.put("photos", "dog/1.jpg", new byte[] {1, 2, 3});
        store.put("other", "dog/1.jpg", new byte[] {9});
        store.put("photos", "dog/1.jpg", new byte[] {4, 5});

        assertThat(store.get("photos", "dog/1.jpg")).hasValue(new byte[] {4, 5});
        assertThat(store.get("other", "dog/1.jpg")).hasValue(new byte[] {9});
        assertThat(store.get("photos", "cat/1.jpg")).isEmpty();
    }

    @Test
    void deletes_one_collections_thumbnails_only() throws IOException {
        store.put("gone", "a", new byte[] {1});
        store.put("kept", "a", new byte[] {2});

        store.deleteCollection("gone");
        store.deleteCollection("never-there");

        assertThat(store.get("gone", "a")).isEmpty();
        assertThat(store.get("kept", "a")).hasValue(new byte[] {2});
    }
}
