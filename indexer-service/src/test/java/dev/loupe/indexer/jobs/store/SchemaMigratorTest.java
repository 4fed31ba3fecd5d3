package dev.loupe.indexer.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.indexer.TestPostgres;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The indexer's schema migrations against a real PostgreSQL server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaMigratorTest {

    private TestPostgres postgres;

    @BeforeAll
    void start() {
        postgres = new TestPostgres();
    }

    @AfterAll
    void stop() throws Exception {
        postgres.close();
    }

    @Test
    void migrates_an_empty_database_to_the_newest_version_and_again_changes_nothing() {
        Pool pool = postgres.freshDatabase();
        int newest = SchemaMigrator.scripts().size();

        assertThat(new SchemaMigrator(pool, TestPostgres.TIMEOUT).migrate()).isEqualTo(newest);
        assertThat(new SchemaMigrator(pool, TestPostgres.TIMEOUT).migrate()).isEqualTo(newest);

        assertThat(versions(pool)).hasSize(newest);
        assertThat(tables(pool)).contains("import_job", "import_items", "schema_version");
    }

    @Test
    void instances_starting_together_apply_each_script_once() throws Exception {
        Pool pool = postgres.freshDatabase();
        int instances = 4;
        CountDownLatch ready = new CountDownLatch(instances);
        try (ExecutorService starts = Executors.newFixedThreadPool(instances)) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                runs.add(starts.submit(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS); // all start at once
                    return new SchemaMigrator(pool, TestPostgres.TIMEOUT).migrate();
                }));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS))
                        .isEqualTo(SchemaMigrator.scripts().size());
            }
        }
        assertThat(versions(pool)).hasSize(SchemaMigrator.scripts().size());
    }

    private static List<Integer> versions(Pool pool) {
        List<Integer> versions = new ArrayList<>();
        for (Row row : pool.query("SELECT version FROM schema_version ORDER BY version")
                .execute()
                .await()
                .atMost(TestPostgres.TIMEOUT)) {
            versions.add(row.getInteger(0));
        }
        return versions;
    }

    private static List<String> tables(Pool pool) {
        List<String> tables = new ArrayList<>();
        for (Row row : pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                .execute()
                .await()
                .atMost(TestPostgres.TIMEOUT)) {
            tables.add(row.getString(0));
        }
        return tables;
    }
}
