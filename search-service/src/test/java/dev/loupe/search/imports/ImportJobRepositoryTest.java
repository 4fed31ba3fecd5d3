package dev.loupe.search.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.search.database.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job table against a real PostgreSQL server (zonky), as a restart sees it. */
class ImportJobRepositoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;

    private static EmbeddedPostgres postgres;
    private static ImportJobRepository jobs;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        DataSource dataSource = postgres.getPostgresDatabase();
        assertThat(new SchemaMigrator(dataSource).migrate()).isEqualTo(2);
        jobs = new ImportJobRepository(dataSource, CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void migrating_again_changes_nothing() throws Exception {
        assertThat(new SchemaMigrator(postgres.getPostgresDatabase()).migrate()).isEqualTo(2);
    }

    @Test
    void a_restart_marks_queued_and_running_jobs_failed_and_keeps_their_counts() {
        jobs.create("running-1", "photos", "folder", "/photos");
        jobs.markRunning("running-1");
        jobs.progress("running-1", 10L, 4, 1, 0, List.of(new ImportFailure("a.jpg", "not an image")));
        jobs.create("queued-1", "photos", "urls", "2 URLs");
        jobs.create("done-1", "photos", "folder", "/photos");
        jobs.finish("done-1", ImportStatus.DONE, null);

        int marked = jobs.failInterrupted();

        assertThat(marked).isEqualTo(2);
        ImportJob running = jobs.find("running-1").orElseThrow();
        assertThat(running.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(running.reason()).isEqualTo(ImportJobRepository.INTERRUPTED);
        assertThat(running.total()).isEqualTo(10);
        assertThat(running.done()).isEqualTo(4);
        assertThat(running.failures()).containsExactly(new ImportFailure("a.jpg", "not an image"));
        assertThat(running.finishedAt()).isEqualTo(CLOCK.instant());
        assertThat(jobs.find("queued-1").orElseThrow().status()).isEqualTo(ImportStatus.FAILED);
        assertThat(jobs.find("done-1").orElseThrow().status()).isEqualTo(ImportStatus.DONE);
        assertThat(jobs.find("done-1").orElseThrow().reason()).isNull();
    }

    @Test
    void progress_adds_to_the_counts_and_keeps_the_total_when_not_given() {
        jobs.create("counted", "photos", "folder", "/photos");
        jobs.progress("counted", 5L, 1, 0, 1, List.of());
        jobs.progress("counted", null, 2, 1, 0, List.of(new ImportFailure("b.jpg", "too large")));

        ImportJob job = jobs.find("counted").orElseThrow();

        assertThat(job.total()).isEqualTo(5);
        assertThat(job.done()).isEqualTo(3);
        assertThat(job.failed()).isEqualTo(1);
        assertThat(job.skipped()).isEqualTo(1);
        assertThat(job.failures()).extracting(ImportFailure::source).containsExactly("b.jpg");
        jobs.finish("counted", ImportStatus.DONE, null); // not left queued for the restart test
    }

    @Test
    void an_unknown_job_is_empty() {
        assertThat(jobs.find("nope")).isEmpty();
    }
}
