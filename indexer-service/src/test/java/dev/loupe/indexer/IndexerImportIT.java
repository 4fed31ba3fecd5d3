package dev.loupe.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.testkit.LocalMilvusServer;
import dev.loupe.testkit.PhotoCorpus;
import dev.loupe.testkit.ServiceProcess;
import dev.loupe.testkit.TestPostgres;
import dev.loupe.testkit.kafka.LocalKafka;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.milvus.MilvusVectorStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed path end to end, every part real and started here: an in-process Kafka broker, an
 * embedded PostgreSQL, the local Milvus server, the packaged embedder-service with the bundled test
 * model, a loopback server of 500+ distinct real photos ({@link PhotoCorpus}), and the packaged
 * indexer-service as a process of its own. An import of 500 photo URLs goes through {@code POST
 * /v1/imports} → Kafka → fetch → embed → Milvus; the job's counts and the records in Milvus must both
 * say 500, also when the indexer is killed with SIGKILL halfway and started again, and when the
 * broker restarts halfway.
 */
class IndexerImportIT {

    private static final int PHOTOS = 500;
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Duration IMPORT_DEADLINE = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalKafka kafka;
    private static TestPostgres postgres;
    private static LocalMilvusServer milvus;
    private static EmbedderServiceProcess embedder;
    private static HttpServer photos;
    private static PhotoCorpus corpus;
    private static Path jobRoots;

    private final HttpClient http = HttpClient.newHttpClient();
    private ServiceProcess indexer;

    @BeforeAll
    static void startServers() throws Exception {
        kafka = LocalKafka.start();
        for (String topic : List.of("photo-ingested", "photo-ingested.retry", "photo-ingested.dlq")) {
            kafka.createTopic(topic, 2);
        }
        postgres = new TestPostgres();
        milvus = LocalMilvusServer.start();
        embedder = EmbedderServiceProcess.start();
        corpus = PhotoCorpus.demo();
        photos = corpus.serve();
        jobRoots = Files.createTempDirectory("indexer-import-it");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (photos != null) {
            photos.stop(0);
        }
        if (embedder != null) {
            embedder.close();
        }
        if (milvus != null) {
            milvus.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stopIndexer() throws InterruptedException {
        if (indexer != null) {
            indexer.close();
        }
    }

    @Test
    void five_hundred_photos_through_kafka_become_exactly_five_hundred_records() throws Exception {
        indexer = startIndexer();

        String job = submit("it_import", 0);
        JsonNode done = await(job, status -> status.get("status").asText().equals("done"));

        assertThat(done.get("total").asLong()).isEqualTo(PHOTOS);
        assertThat(done.get("indexed").asLong()).isEqualTo(PHOTOS);
        assertThat(done.get("failed").asLong()).isZero();
        assertThat(done.get("skipped").asLong()).isZero();
        assertThat(recordsIn("it_import")).isEqualTo(PHOTOS);
    }

    @Test
    void an_indexer_killed_mid_import_and_restarted_loses_and_duplicates_nothing() throws Exception {
        indexer = startIndexer();
        String job = submit("it_crash", PHOTOS); // other photos than the first test's

        JsonNode midway = await(job, status -> status.get("indexed").asLong() >= PHOTOS / 5);
        assertThat(midway.get("status").asText()).as("killed before the end").isEqualTo("running");
        indexer.kill(); // SIGKILL: nothing committed after this point survives in the indexer
        indexer = startIndexer();
        JsonNode done = await(job, status -> status.get("status").asText().equals("done"));

        // a photo upserted just before the kill, but not yet recorded, comes back "unchanged"
        assertThat(done.get("total").asLong()).isEqualTo(PHOTOS);
        assertThat(done.get("failed").asLong()).isZero();
        assertThat(done.get("indexed").asLong() + done.get("skipped").asLong()).isEqualTo(PHOTOS);
        assertThat(done.get("indexed").asLong())
                .isGreaterThanOrEqualTo(midway.get("indexed").asLong());
        assertThat(recordsIn("it_crash")).as("records in Milvus").isEqualTo(PHOTOS);
    }

    @Test
    void a_broker_restart_mid_import_loses_nothing() throws Exception {
        indexer = startIndexer();
        String job = submit("it_broker", 2 * PHOTOS); // photos of neither other test

        JsonNode midway = await(job, status -> status.get("indexed").asLong() >= PHOTOS / 5);
        assertThat(midway.get("status").asText()).as("restarted before the end").isEqualTo("running");
        kafka.restart(); // same address, log and offsets; the indexer's clients reconnect
        JsonNode done = await(job, status -> status.get("status").asText().equals("done"));

        assertThat(done.get("total").asLong()).isEqualTo(PHOTOS);
        assertThat(done.get("failed").asLong()).isZero();
        assertThat(done.get("indexed").asLong() + done.get("skipped").asLong()).isEqualTo(PHOTOS);
        assertThat(recordsIn("it_broker")).as("records in Milvus").isEqualTo(PHOTOS);
    }

    /**
     * Bad photos among good ones through the whole service: each fails alone, recorded in the job with
     * its reason, and the consumer goes on (the address guard's refusals are proven on the address
     * decision in IngestEventProcessorIT, since this indexer must be allowed to fetch from loopback).
     */
    @Test
    void bad_photos_among_good_ones_each_fail_alone_with_their_reason() throws Exception {
        indexer = startIndexer();
        try (PhotoServer bad = PhotoServer.start()) {
            List<String> good = IntStream.range(3 * PHOTOS, 3 * PHOTOS + 20)
                    .mapToObj(i -> PhotoCorpus.url(photos, i))
                    .toList();
            List<String> broken = List.of(
                    bad.url("/truncated.jpg").toString(),
                    bad.url("/huge.jpg").toString(),
                    bad.url("/empty.jpg").toString(),
                    bad.url("/login.jpg").toString(),
                    bad.url("/bomb.png").toString(),
                    bad.url("/status/404").toString(),
                    bad.url("/slow.jpg").toString());
            List<String> urls = new ArrayList<>(good);
            urls.addAll(3, broken); // in the middle of the batch

            JsonNode done = await(
                    submit("it_bad", urls),
                    status -> status.get("status").asText().equals("done"));

            assertThat(done.get("total").asLong()).isEqualTo(urls.size());
            assertThat(done.get("indexed").asLong()).isEqualTo(good.size());
            assertThat(done.get("failed").asLong()).isEqualTo(broken.size());
            List<String> sources = new ArrayList<>();
            done.get("failures").forEach(failure -> {
                sources.add(failure.get("source").asText());
                assertThat(failure.get("reason").asText())
                        .as(failure.toString())
                        .isNotBlank();
            });
            assertThat(sources).containsExactlyInAnyOrderElementsOf(broken);
            assertThat(recordsIn("it_bad")).isEqualTo(good.size());
        }
    }

    private static ServiceProcess startIndexer() throws IOException, InterruptedException {
        Map<String, String> settings = new HashMap<>();
        settings.put("loupe.kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("loupe.kafka.retry.initial-backoff", "1s");
        settings.put("loupe.kafka.retry.max-attempts", "2"); // the too-slow photo: one retry, then failed
        settings.put("loupe.fetch.read-timeout", "2s"); // PhotoServer's /slow.jpg answers after 5 s
        settings.put("loupe.fetch.max-bytes", "1M"); // its /huge.jpg is 3 MiB; real photos are ~20 KB
        settings.put("quarkus.datasource.reactive.url", postgres.url());
        settings.put("quarkus.datasource.username", "postgres");
        settings.put("quarkus.datasource.password", "postgres");
        settings.put("loupe.embedder.url", embedder.url().toString());
        settings.put("loupe.milvus.uri", milvus.uri());
        settings.put("loupe.fetch.allow-private-addresses", "true"); // the photo server is on loopback
        settings.put("loupe.imports.roots", jobRoots.toString());
        return ServiceProcess.start(JAR, settings, Path.of("target/indexer-import-it.log"), STARTUP);
    }

    /** Submits a URL import of photos {@code first .. first + PHOTOS - 1}; the job's id. */
    private String submit(String collection, int first) throws Exception {
        assertThat(first + PHOTOS).isLessThanOrEqualTo(corpus.capacity());
        return submit(
                collection,
                IntStream.range(first, first + PHOTOS)
                        .mapToObj(i -> PhotoCorpus.url(photos, i))
                        .toList());
    }

    /** Submits a URL import; the job's id. */
    private String submit(String collection, List<String> urls) throws Exception {
        Map<String, Object> body = Map.of("source", Map.of("type", "urls", "urls", urls), "collection", collection);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(indexer.url().resolve("/v1/imports"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** Polls the job until {@code condition} holds; its last status. */
    private JsonNode await(String job, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(IMPORT_DEADLINE);
        while (true) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(indexer.url().resolve("/v1/imports/" + job))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode status = JSON.readTree(response.body());
            if (condition.test(status)) {
                return status;
            }
            assertThat(status.get("status").asText())
                    .as("job %s: %s", job, status)
                    .isNotEqualTo("failed");
            assertThat(Instant.now()).as("job %s in time: %s", job, status).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private static long recordsIn(String collection) {
        try (MilvusVectorStore store = MilvusVectorStore.connect(milvus.uri(), null, Duration.ofSeconds(30))) {
            return store.count(collection, Filter.all());
        }
    }
}
