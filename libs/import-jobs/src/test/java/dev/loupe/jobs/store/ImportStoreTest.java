package dev.loupe.jobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.database.LoupeSchema;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.ingest.PhotoIngestedJson;
import dev.loupe.jobs.ImportFailure;
import dev.loupe.jobs.ImportJob;
import dev.loupe.jobs.ImportStatus;
import dev.loupe.jobs.ImportStillExpandingException;
import dev.loupe.jobs.store.ImportStore.Claim;
import dev.loupe.jobs.store.ImportStore.ItemOutcome;
import dev.loupe.jobs.store.ImportStore.NewItem;
import dev.loupe.jobs.store.ImportStore.Unsent;
import dev.loupe.testkit.TestPostgres;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Jobs and items against a real PostgreSQL server: idempotent progress, done transitions, redrive, claims. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportStoreTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private TestPostgres postgres;
    private Pool pool;
    private ImportStore store;

    @BeforeAll
    void start() {
        postgres = new TestPostgres();
        String database = postgres.freshDatabaseName();
        LoupeSchema.migrate(postgres.dataSource(database));
        pool = postgres.pool(database);
        store = new ImportStore(pool, TestPostgres.TIMEOUT);
    }

    @AfterAll
    void stop() throws Exception {
        postgres.close();
    }

    /** A running job with photos {@code p0..p(n-1)} sent and one refused entry. */
    private String runningJob(int photos) {
        String id = UUID.randomUUID().toString();
        store.create(id, "photos", "urls", photos + " URLs", new JsonObject().put("type", "urls"));
        List<NewItem> items = new ArrayList<>();
        for (int i = 0; i < photos; i++) {
            items.add(NewItem.of(i, "https://photos.example/p" + i + ".jpg", event("p" + i)));
        }
        items.add(NewItem.refused(photos, "photos.tsv line 9", "no photo_image_url"));
        assertThat(store.insertItems(id, items)).isEqualTo(photos + 1);
        store.markExpanded(id);
        store.markPublished(
                id, store.unsent(id, 1000).stream().map(Unsent::position).toList());
        return id;
    }

    private static PhotoIngested event(String photoId) {
        return new PhotoIngested(
                UUID.randomUUID().toString(),
                photoId,
                "photos",
                "https://photos.example/" + photoId + ".jpg",
                null,
                Instant.parse("2025-05-01T10:00:00Z"));
    }

    private ImportJob job(String id) {
        return store.find(id, 100, WINDOW).orElseThrow();
    }

    @Test
    void recording_the_same_outcome_twice_changes_no_count() {
        String id = runningJob(3);
        List<ItemOutcome> outcomes =
                List.of(new ItemOutcome("p0", "indexed", null), new ItemOutcome("p1", "failed", "HTTP 404"));

        Map<String, Long> first = store.record(id, outcomes);
        ImportJob once = job(id);
        Map<String, Long> second = store.record(id, outcomes);
        ImportJob twice = job(id);

        assertThat(first).isEqualTo(Map.of("indexed", 1L, "failed", 1L));
        assertThat(second).isEmpty();
        assertThat(twice.indexed()).isEqualTo(once.indexed()).isEqualTo(1);
        assertThat(twice.failed()).isEqualTo(once.failed()).isEqualTo(2); // the refused entry and p1
        assertThat(twice.pending()).isEqualTo(1);
        assertThat(twice.total()).isEqualTo(4);
        assertThat(twice.status()).isEqualTo(ImportStatus.RUNNING);
    }

    @Test
    void a_redelivered_event_read_as_unchanged_does_not_move_an_indexed_photo() {
        String id = runningJob(1);
        store.record(id, List.of(new ItemOutcome("p0", "indexed", null)));

        store.record(id, List.of(new ItemOutcome("p0", "skipped", "unchanged")));
        store.record(id, List.of(new ItemOutcome("p0", "failed", "timeout")));

        ImportJob job = job(id);
        assertThat(job.indexed()).isEqualTo(1);
        assertThat(job.skipped()).isZero();
        assertThat(job.failed()).isEqualTo(1); // the refused entry only
    }

    @Test
    void a_success_after_a_recorded_failure_counts_as_indexed() {
        String id = runningJob(2);
        store.record(id, List.of(new ItemOutcome("p0", "failed", "embedder unavailable")));

        store.record(id, List.of(new ItemOutcome("p0", "indexed", null)));

        ImportJob job = job(id);
        assertThat(job.indexed()).isEqualTo(1);
        assertThat(job.failures()).containsExactly(new ImportFailure("photos.tsv line 9", "no photo_image_url"));
    }

    @Test
    void a_running_job_is_done_once_no_item_is_pending() {
        String id = runningJob(2);

        store.record(id, List.of(new ItemOutcome("p0", "indexed", null)));
        ImportJob halfway = job(id);
        store.record(id, List.of(new ItemOutcome("p1", "skipped", "unchanged")));
        ImportJob done = job(id);

        assertThat(halfway.status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(halfway.finishedAt()).isNull();
        assertThat(done.status()).isEqualTo(ImportStatus.DONE);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.etaSeconds()).isZero();
        assertThat(done.rate()).isPositive();
        assertThat(done.indexed() + done.skipped() + done.failed()).isEqualTo(done.total());
    }

    @Test
    void a_job_whose_entries_were_all_refused_is_done_once_expanded() {
        String id = UUID.randomUUID().toString();
        store.create(id, "photos", "unsplash-tsv", "/photos.tsv", new JsonObject());
        store.insertItems(id, List.of(NewItem.refused(0, "line 2", "no URL"), NewItem.refused(1, "line 3", "no URL")));

        assertThat(job(id).status()).isEqualTo(ImportStatus.EXPANDING);
        store.markExpanded(id);

        ImportJob job = job(id);
        assertThat(job.status()).isEqualTo(ImportStatus.DONE);
        assertThat(job.failed()).isEqualTo(2);
        assertThat(job.failures()).extracting(ImportFailure::source).containsExactly("line 2", "line 3");
    }

    @Test
    void outcomes_for_an_unknown_job_change_nothing() {
        assertThat(store.record("no-such-job", List.of(new ItemOutcome("p0", "indexed", null))))
                .isEmpty();
    }

    @Test
    void a_resumed_expansion_stores_each_item_once() {
        String id = UUID.randomUUID().toString();
        store.create(id, "photos", "urls", "3 URLs", new JsonObject());
        List<NewItem> firstPart = List.of(
                NewItem.of(0, "https://photos.example/a.jpg", event("a")), NewItem.refused(1, "ftp://x", "bad URL"));

        assertThat(store.insertItems(id, firstPart)).isEqualTo(2);
        // the expansion starts over after a crash: new event ids, same positions and photos
        List<NewItem> all = List.of(
                NewItem.of(0, "https://photos.example/a.jpg", event("a")),
                NewItem.refused(1, "ftp://x", "bad URL"),
                NewItem.of(2, "https://photos.example/b.jpg", event("b")),
                NewItem.of(3, "https://photos.example/b.jpg", event("b"))); // listed twice
        assertThat(store.insertItems(id, all)).isEqualTo(1);

        assertThat(job(id).total()).isEqualTo(3);
        assertThat(store.unsent(id, 10)).extracting(Unsent::position).containsExactly(0, 2);
    }

    @Test
    void redrive_sends_failed_photos_again_as_a_new_attempt() {
        String id = runningJob(2);
        store.record(id, List.of(new ItemOutcome("p0", "failed", "HTTP 503"), new ItemOutcome("p1", "indexed", null)));
        assertThat(job(id).status()).isEqualTo(ImportStatus.DONE);
        String oldEventId = eventId(id, "p0");

        assertThat(store.redrive(id)).contains(1);

        ImportJob job = job(id);
        assertThat(job.status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(job.pending()).isEqualTo(1);
        assertThat(job.failed()).isEqualTo(1); // the refused entry has nothing to send
        assertThat(job.finishedAt()).isNull();
        List<Unsent> unsent = store.unsent(id, 10);
        assertThat(unsent).hasSize(1);
        PhotoIngested again = PhotoIngestedJson.read(unsent.getFirst().eventJson());
        assertThat(again.photoId()).isEqualTo("p0");
        assertThat(again.eventId()).isNotEqualTo(oldEventId);
        assertThat(attempts(id, "p0")).isEqualTo(2);

        store.record(id, List.of(new ItemOutcome("p0", "indexed", null)));
        assertThat(job(id).status()).isEqualTo(ImportStatus.DONE);
        assertThat(job(id).indexed()).isEqualTo(2);
    }

    @Test
    void redrive_of_an_unknown_job_is_empty_and_of_an_expanding_one_refused() {
        String id = UUID.randomUUID().toString();
        store.create(id, "photos", "urls", "1 URL", new JsonObject());

        assertThat(store.redrive("no-such-job")).isEmpty();
        assertThatThrownBy(() -> store.redrive(id)).isInstanceOf(ImportStillExpandingException.class);
    }

    @Test
    void a_failed_job_fails_its_unsent_photos_so_that_a_redrive_can_send_them() {
        String id = UUID.randomUUID().toString();
        store.create(id, "photos", "urls", "1 URL", new JsonObject());
        store.insertItems(id, List.of(NewItem.of(0, "https://photos.example/a.jpg", event("a"))));

        store.fail(id, "cannot fetch the TSV file");

        ImportJob job = job(id);
        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.reason()).isEqualTo("cannot fetch the TSV file");
        assertThat(job.failures())
                .extracting(ImportFailure::reason)
                .singleElement()
                .asString()
                .contains("not sent");
        assertThat(store.unsent(id, 10)).isEmpty();
        assertThat(store.unfinished(1000)).doesNotContain(id);
    }

    @Test
    void a_claimed_job_cannot_be_claimed_again_until_released() {
        String id = runningJob(1);

        Optional<Claim> first = store.claim(id);
        assertThat(first).isPresent();
        assertThat(store.claim(id)).isEmpty();
        first.get().close();

        Optional<Claim> again = store.claim(id);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void unfinished_jobs_are_the_expanding_ones_and_those_with_unsent_events() {
        String expanding = UUID.randomUUID().toString();
        store.create(expanding, "photos", "urls", "1 URL", new JsonObject());
        String unsent = UUID.randomUUID().toString();
        store.create(unsent, "photos", "urls", "1 URL", new JsonObject());
        store.insertItems(unsent, List.of(NewItem.of(0, "https://photos.example/a.jpg", event("a"))));
        store.markExpanded(unsent);
        String sent = runningJob(1);

        assertThat(store.unfinished(1000)).contains(expanding, unsent).doesNotContain(sent);
    }

    @Test
    void rate_and_eta_come_from_the_item_update_times() {
        String id = runningJob(30);
        List<ItemOutcome> finished = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            finished.add(new ItemOutcome("p" + i, "indexed", null));
        }
        store.record(id, finished);
        // the job began sending 100 s ago; 10 photos finished within the last minute, 20 are pending
        execute("UPDATE import_job SET started_at = now() - interval '100 seconds' WHERE id = $1", id);

        ImportJob job = job(id);

        assertThat(job.rate()).isCloseTo(10 / 60.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(job.etaSeconds()).isBetween(115L, 125L);
        assertThat(store.recent(100, WINDOW)).extracting(ImportJob::id).contains(id);
        assertThat(store.recent(100, WINDOW).stream()
                        .filter(j -> j.id().equals(id))
                        .findFirst()
                        .orElseThrow())
                .satisfies(listed -> {
                    assertThat(listed.failures()).isNull();
                    assertThat(listed.indexed()).isEqualTo(10);
                });
    }

    private String eventId(String id, String photoId) {
        return pool.preparedQuery("SELECT event->>'eventId' FROM import_items WHERE import_id = $1 AND photo_id = $2")
                .execute(Tuple.of(id, photoId))
                .await()
                .atMost(TestPostgres.TIMEOUT)
                .iterator()
                .next()
                .getString(0);
    }

    private int attempts(String id, String photoId) {
        return pool.preparedQuery("SELECT attempts FROM import_items WHERE import_id = $1 AND photo_id = $2")
                .execute(Tuple.of(id, photoId))
                .await()
                .atMost(TestPostgres.TIMEOUT)
                .iterator()
                .next()
                .getInteger(0);
    }

    private void execute(String sql, String id) {
        pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(TestPostgres.TIMEOUT);
    }
}
