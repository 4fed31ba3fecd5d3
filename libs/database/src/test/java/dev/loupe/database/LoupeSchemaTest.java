package dev.loupe.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flyway migrations on a real PostgreSQL server, from empty and from the schemas before Flyway. */
class LoupeSchemaTest {

    private static TestPostgres server;

    @BeforeAll
    static void start() {
        server = new TestPostgres();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void migrates_an_empty_database_to_every_table_and_again_to_no_change() throws SQLException {
        DataSource database = server.dataSource(server.freshDatabaseName());

        assertThat(LoupeSchema.migrate(database)).isEqualTo("3");
        assertThat(tables(database, "public")).containsAll(LoupeSchema.TABLES);
        assertThat(LoupeSchema.migrate(database)).isEqualTo("3");
        assertThat(count(database, "SELECT count(*) FROM loupe_schema_history WHERE success"))
                .isEqualTo(3);
    }

    @Test
    void instances_that_start_together_migrate_once() throws Exception {
        DataSource database = server.dataSource(server.freshDatabaseName());
        List<Callable<String>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(() -> LoupeSchema.migrate(database));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Future<String> version : pool.invokeAll(starts)) {
                assertThat(version.get()).isEqualTo("3");
            }
        }
        assertThat(count(database, "SELECT count(*) FROM loupe_schema_history WHERE version IS NOT NULL"))
                .isEqualTo(3);
    }

    @Test
    void adopts_a_standalone_database_of_the_earlier_schema_keeping_its_sessions_and_jobs() throws SQLException {
        DataSource database = server.dataSource(server.freshDatabaseName());
        execute(database, """
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
                INSERT INTO schema_version(version) VALUES (1), (2);
                CREATE TABLE import_job (id VARCHAR(36) PRIMARY KEY, status VARCHAR(16) NOT NULL,
                    collection VARCHAR(255) NOT NULL, source_type VARCHAR(32) NOT NULL, source TEXT NOT NULL,
                    total BIGINT NOT NULL DEFAULT 0, done BIGINT NOT NULL DEFAULT 0, failed BIGINT NOT NULL DEFAULT 0,
                    skipped BIGINT NOT NULL DEFAULT 0, reason TEXT, created_at TIMESTAMPTZ NOT NULL,
                    started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ);
                CREATE INDEX import_job_created ON import_job (created_at DESC);
                CREATE TABLE import_failure (job_id VARCHAR(36) NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
                    position BIGSERIAL NOT NULL, source TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (job_id, position));
                INSERT INTO import_job(id, status, collection, source_type, source, done, created_at)
                    VALUES ('old-job', 'DONE', 'photos', 'folder', '/photos', 48, now());
                INSERT INTO import_failure(job_id, source, reason) VALUES ('old-job', 'a.jpg', 'truncated');
                """);
        execute(database, script("V2__classifier_sessions.sql"));
        execute(database, """
                INSERT INTO classifier_session(id, name, collection, model_id, dimension, weight, threshold, scale,
                    created_at, updated_at) VALUES ('s1', 'dogs', 'photos', 'clip', 2, '{0.6,0.8}', 0.2, 10, now(), now());
                INSERT INTO classifier_label(session_id, photo_id, positive, labelled_at) VALUES ('s1', 'p1', true, now());
                """);

        assertThat(LoupeSchema.migrate(database)).isEqualTo("3");

        assertThat(tables(database, "public")).containsAll(LoupeSchema.TABLES);
        assertThat(count(database, "SELECT count(*) FROM classifier_label WHERE session_id = 's1'"))
                .isEqualTo(1);
        assertThat(count(database, "SELECT count(*) FROM import_job")).isZero();
        assertThat(tables(database, "loupe_legacy")).contains("import_job", "import_failure", "schema_version");
        assertThat(count(database, "SELECT done FROM loupe_legacy.import_job WHERE id = 'old-job'"))
                .isEqualTo(48);
        assertThat(count(database, "SELECT count(*) FROM loupe_legacy.import_failure"))
                .isEqualTo(1);
    }

    @Test
    void adopts_an_indexer_database_of_the_earlier_schema_keeping_its_jobs() throws SQLException {
        DataSource database = server.dataSource(server.freshDatabaseName());
        execute(database, """
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
                INSERT INTO schema_version(version) VALUES (1);
                """);
        execute(database, script("V1__import_jobs.sql"));
        execute(database, """
                INSERT INTO import_job(id, status, collection, source_type, source, request)
                    VALUES ('job-1', 'running', 'photos', 'urls', '2 URLs', '{"type": "urls"}');
                INSERT INTO import_items(import_id, position, photo_id, source, status, attempts)
                    VALUES ('job-1', 0, 'p0', 'http://x/0.jpg', 'pending', 1);
                """);

        assertThat(LoupeSchema.migrate(database)).isEqualTo("3");

        assertThat(count(database, "SELECT count(*) FROM import_items WHERE import_id = 'job-1'"))
                .isEqualTo(1);
        assertThat(tables(database, "public")).containsAll(LoupeSchema.TABLES);
        assertThat(tables(database, "loupe_legacy")).containsExactly("schema_version");
    }

    @Test
    void lists_every_migration_of_its_directory_in_order() throws IOException {
        Set<String> files = new HashSet<>();
        try (Stream<Path> listed = Files.list(Path.of("src/main/resources", MigrationResources.DIRECTORY))) {
            listed.forEach(path -> files.add(path.getFileName().toString()));
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(LoupeSchema.MIGRATIONS);
        for (int i = 0; i < LoupeSchema.MIGRATIONS.size(); i++) {
            assertThat(LoupeSchema.MIGRATIONS.get(i)).startsWith("V" + (i + 1) + "__");
        }
    }

    private static String script(String name) {
        try (var in = LoupeSchemaTest.class.getClassLoader().getResourceAsStream("db/loupe/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> tables(DataSource database, String schema) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Connection connection = database.getConnection();
                ResultSet rows = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
