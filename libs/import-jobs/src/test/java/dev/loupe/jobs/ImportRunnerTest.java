package dev.loupe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.database.LoupeSchema;
import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.FetchPolicy;
import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportRoots;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.jobs.store.ImportStore;
import dev.loupe.jobs.store.ImportStore.Claim;
import dev.loupe.jobs.store.ImportStore.NewItem;
import dev.loupe.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expansion and publishing against a real PostgreSQL server, with a recording publisher: batches,
 * crashes mid-expansion and mid-publishing, unreadable sources, claims held elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportRunnerTest {

    private static final int BATCH = 2;

    @TempDir
    Path root;

    private TestPostgres postgres;
    private ImportStore store;
    private ImportPlanner planner;
    private RecordingPublisher publisher;
    private ImportRunner runner;

    @BeforeAll
    void start() {
        postgres = new TestPostgres();
        String database = postgres.freshDatabaseName();
        LoupeSchema.migrate(postgres.dataSource(database));
        var pool = postgres.pool(database);
        store = new ImportStore(pool, TestPostgres.TIMEOUT);
    }

    @AfterAll
    void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void wire() {
        planner = new ImportPlanner(
                new ImportRoots(List.of(root), "loupe.imports.roots"),
                new PhotoFetcher(FetchPolicy.defaults(), AddressResolver.system()),
                100,
                "loupe.imports.max-urls");
        publisher = new RecordingPublisher();
        runner = runner(publisher);
    }

    private ImportRunner runner(EventPublisher eventPublisher) {
        return new ImportRunner(
                store,
                planner,
                eventPublisher,
                new ImportMetrics(new SimpleMeterRegistry()),
                new TestImportsConfig(List.of(root), BATCH));
    }

    /** A folder of {@code n} photo files (their bytes are not read while expanding) and a text file. */
    private Path folder(int n) throws IOException {
        Path folder = Files.createDirectories(root.resolve("photos-" + UUID.randomUUID()));
        for (int i = 0; i < n; i++) {
            Files.write(folder.resolve("img_" + i + ".jpg"), new byte[] {(byte) i});
        }
        Files.writeString(folder.resolve("notes.txt"), "not a photo");
        return folder;
    }

    private String job(ImportSourceRequest source) {
        String id = UUID.randomUUID().toString();
        store.create(id, "photos", source.type(), "test", ImportRunner.requestJson(source));
        return id;
    }

    private ImportJob view(String id) {
        return store.find(id, 100, java.time.Duration.ofSeconds(60)).orElseThrow();
    }

    @Test
    void a_folder_import_publishes_every_photo_once_in_batches() throws Exception {
        Path folder = folder(5);
        String id = job(new ImportSourceRequest("folder", folder.toString(), null, null));

        runner.run(id);

        List<PhotoIngested> events = publisher.events(id);
        assertThat(events)
                .extracting(PhotoIngested::photoId)
                .containsExactly("img_0.jpg", "img_1.jpg", "img_2.jpg", "img_3.jpg", "img_4.jpg");
        assertThat(events).extracting(PhotoIngested::eventId).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.collection()).isEqualTo("photos");
            assertThat(event.imageUrl()).startsWith("file:").endsWith(event.photoId());
        });
        assertThat(publisher.batches())
                .allSatisfy(batch -> assertThat(batch.events()).hasSizeLessThanOrEqualTo(BATCH));
        ImportJob job = view(id);
        assertThat(job.status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(job.total()).isEqualTo(5);
        assertThat(job.pending()).isEqualTo(5);
        assertThat(store.unfinished(1000)).doesNotContain(id);
    }

    @Test
    void outcomes_of_every_photo_finish_the_job_and_redeliveries_change_nothing() throws Exception {
        String id = job(new ImportSourceRequest("folder", folder(3).toString(), null, null));
        runner.run(id);
        List<PhotoIngested> events = publisher.events(id);
        ItemProgress progress = new ItemProgress(store, new ImportMetrics(new SimpleMeterRegistry()));
        List<EventOutcome> outcomes = List.of(
                new EventOutcome.Indexed(events.get(0)),
                new EventOutcome.Skipped(events.get(1), "unchanged"),
                new EventOutcome.Failed(events.get(2), FailureReason.UNDECODABLE, "not an image", false));

        progress.record(id, outcomes);
        ImportJob done = view(id);
        progress.record(id, outcomes);
        progress.record(id, List.of(new EventOutcome.Skipped(events.get(0), "unchanged")));

        assertThat(view(id)).isEqualTo(done);
        assertThat(done.status()).isEqualTo(ImportStatus.DONE);
        assertThat(List.of(done.indexed(), done.skipped(), done.failed())).containsExactly(1L, 1L, 1L);
        assertThat(done.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.source()).endsWith("img_2.jpg");
            assertThat(failure.reason()).isEqualTo("not an image");
        });
    }

    @Test
    void a_crash_mid_expansion_is_resumed_without_duplicates() throws Exception {
        Path folder = folder(5);
        String id = job(new ImportSourceRequest("folder", folder.toString(), null, null));
        // what the crashed process had stored: the first two items, with its own event ids
        store.insertItems(
                id,
                List.of(
                        NewItem.of(0, "before the crash", event("img_0.jpg")),
                        NewItem.of(1, "before the crash", event("img_1.jpg"))));

        runner.run(id);

        assertThat(publisher.events(id))
                .extracting(PhotoIngested::photoId)
                .containsExactly("img_0.jpg", "img_1.jpg", "img_2.jpg", "img_3.jpg", "img_4.jpg");
        assertThat(view(id).total()).isEqualTo(5);
        assertThat(view(id).status()).isEqualTo(ImportStatus.RUNNING);
    }

    @Test
    void events_the_publisher_did_not_acknowledge_are_published_by_the_next_run() throws Exception {
        String id = job(new ImportSourceRequest("folder", folder(5).toString(), null, null));
        RecordingPublisher flaky = new RecordingPublisher();
        flaky.failNext(0);
        ImportRunner first = runner(new EventPublisher() {
            private int calls;

            @Override
            public void publish(String importId, List<? extends dev.loupe.ingest.IngestEvent> events) {
                if (++calls == 2) {
                    throw new IllegalStateException("broker unavailable (test)");
                }
                flaky.publish(importId, events);
            }
        });

        first.run(id);
        assertThat(flaky.events(id)).hasSize(BATCH);
        assertThat(store.unfinished(1000)).contains(id);

        runner.run(id); // the periodic scan's run, here or in another process

        assertThat(publisher.events(id))
                .extracting(PhotoIngested::photoId)
                .containsExactly("img_2.jpg", "img_3.jpg", "img_4.jpg");
        assertThat(store.unfinished(1000)).doesNotContain(id);
    }

    @Test
    void a_job_another_process_holds_is_left_alone() throws Exception {
        String id = job(new ImportSourceRequest("folder", folder(1).toString(), null, null));

        try (Claim elsewhere = store.claim(id).orElseThrow()) {
            runner.run(id);
            assertThat(publisher.events(id)).isEmpty();
            assertThat(view(id).status()).isEqualTo(ImportStatus.EXPANDING);
        }
        runner.run(id);

        assertThat(publisher.events(id)).hasSize(1);
    }

    @Test
    void refused_tsv_rows_are_failed_items_from_the_start() throws Exception {
        Path tsv = root.resolve("photos-" + UUID.randomUUID() + ".tsv");
        Files.writeString(
                tsv,
                "photo_id\tphoto_image_url\tai_description\n"
                        + "a1\thttps://images.example/a1.jpg\ta lake\n"
                        + "\thttps://images.example/none.jpg\tno id\n"
                        + "b2\tnot a url\tbad url\n");
        String id = job(new ImportSourceRequest("unsplash-tsv", tsv.toString(), null, null));

        runner.run(id);

        assertThat(publisher.events(id)).singleElement().satisfies(event -> {
            assertThat(event.photoId()).isEqualTo("a1");
            assertThat(event.imageUrl()).isEqualTo("https://images.example/a1.jpg");
            assertThat(event.metadata().title()).isEqualTo("a lake");
        });
        ImportJob job = view(id);
        assertThat(job.total()).isEqualTo(3);
        assertThat(job.failed()).isEqualTo(2);
        assertThat(job.pending()).isEqualTo(1);
        assertThat(job.failures())
                .allSatisfy(failure -> assertThat(failure.reason()).isNotBlank());
    }

    @Test
    void an_unreadable_source_fails_the_job_with_the_reason() throws Exception {
        Path tsv = root.resolve("headless-" + UUID.randomUUID() + ".tsv");
        Files.writeString(tsv, "id\turl\nx\thttps://images.example/x.jpg\n");
        String id = job(new ImportSourceRequest("unsplash-tsv", tsv.toString(), null, null));

        runner.run(id);

        ImportJob job = view(id);
        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.reason()).contains("photo_image_url");
        assertThat(publisher.events(id)).isEmpty();
        assertThat(store.unfinished(1000)).doesNotContain(id);
    }

    @Test
    void a_tsv_url_on_a_loopback_address_is_refused_by_the_fetch_guard() {
        String id = job(new ImportSourceRequest("unsplash-tsv", null, "http://127.0.0.1:9/photos.tsv", null));

        runner.run(id);

        ImportJob job = view(id);
        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.reason()).contains("cannot fetch the TSV file");
    }

    @Test
    void a_stored_request_is_the_source_the_client_sent() {
        JsonObject json = ImportRunner.requestJson(
                new ImportSourceRequest("urls", null, null, List.of("https://a.example/1.jpg")));

        assertThat(json.getString("type")).isEqualTo("urls");
        assertThat(json.getJsonArray("urls").getList()).containsExactly("https://a.example/1.jpg");
        assertThat(json.containsKey("path")).isFalse();
    }

    @Test
    void a_jsonl_import_publishes_each_record_as_a_text_event_and_refuses_bad_lines_alone() throws Exception {
        Path file = root.resolve("qa-" + UUID.randomUUID() + ".jsonl");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "{\"id\": \"q1\", \"text\": \"What is 2 + 2?\", \"answer\": \"4\", \"metadata\": {\"grade\": 1}}",
                        "{\"id\": \"q2\", \"text\": \"   \"}",
                        "not json",
                        "{\"id\": \"q3\", \"text\": \"二次函数\", \"metadata\": {\"tags\": [\"algebra\"]}}",
                        ""));
        String id = UUID.randomUUID().toString();
        store.create(
                id,
                "qa",
                "jsonl",
                file.toString(),
                ImportRunner.requestJson(new ImportSourceRequest("jsonl", file.toString(), null, null)));

        runner.run(id);

        List<dev.loupe.ingest.IngestEvent> events = publisher.all(id);
        assertThat(events).allSatisfy(event -> assertThat(event).isInstanceOf(dev.loupe.ingest.TextIngested.class));
        assertThat(events).extracting(dev.loupe.ingest.IngestEvent::itemId).containsExactly("q1", "q3");
        dev.loupe.ingest.TextIngested first = (dev.loupe.ingest.TextIngested) events.getFirst();
        assertThat(first.collection()).isEqualTo("qa");
        assertThat(first.record().answer()).isEqualTo("4");
        assertThat(first.record().metadata())
                .containsEntry("grade", new dev.loupe.vectorstore.texts.MetadataValue.Integer(1));
        ImportJob job = view(id);
        assertThat(job.total()).isEqualTo(4);
        assertThat(job.failed()).isEqualTo(2);
        assertThat(job.failures())
                .extracting(ImportFailure::source)
                .containsExactly(file.getFileName() + " line 2", file.getFileName() + " line 3");
        assertThat(job.failures().getFirst().reason()).contains("has no text");
    }

    private static PhotoIngested event(String photoId) {
        return new PhotoIngested(
                UUID.randomUUID().toString(), photoId, "photos", "file:///elsewhere/" + photoId, null, Instant.now());
    }
}
