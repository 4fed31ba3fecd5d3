package dev.loupe.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.loupe.encoders.TestBundles;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.ingest.PhotoIngestedJson;
import dev.loupe.ingest.PhotoMetadata;
import dev.loupe.testkit.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The distributed system as users run it, every part a real process on 127.0.0.1 ({@link Cluster}:
 * Kafka, PostgreSQL, milvus-lite, embedder-service, indexer-service, two search-service replicas),
 * against the standalone search-service over the same demo photos and model. One cluster for the
 * class; the scenarios run in order, each building on what the ones before imported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedIT {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final Path DEMO = REPOSITORY.resolve("demo");
    private static final Path PHOTOS = DEMO.resolve("photos");
    private static final int DEMO_PHOTOS = 48;
    private static final String PROBLEM = "application/problem+json";
    private static final Duration IMPORT_DEADLINE = Duration.ofMinutes(4);

    private static final String TEXT_MODEL = "all-minilm-l6-v2";
    private static final Path QUESTIONS = DEMO.resolve("texts/questions.jsonl");
    private static final int DEMO_QUESTIONS = 31;

    private Path data;
    private Path models;
    private ClusterInfo cluster;
    private ServiceProcess standalone;
    private URI a;
    private URI b;

    @BeforeAll
    void start() throws Exception {
        data = Files.createTempDirectory(Path.of("target"), "cluster-it-").toAbsolutePath();
        // the CLIP test model and a real text model, as after deploy/models/fetch-model.sh all-minilm-l6-v2
        // outside the cluster's data directory: the standalone service below names it on its command line
        models = Files.createTempDirectory(Path.of("target"), "cluster-it-models-")
                .toAbsolutePath();
        Files.createSymbolicLink(models.resolve(TestBundles.CLIP_TINY), TestBundles.clipTiny());
        Files.createSymbolicLink(
                models.resolve(TEXT_MODEL),
                TestBundles.installTextBundle(
                        TEXT_MODEL,
                        Files.createDirectories(Path.of("target", "text-models").toAbsolutePath())));
        Runtime.getRuntime().addShutdownHook(new Thread(this::downQuietly, "cluster-it-down"));
        cluster = Cluster.up(new Cluster.Options(REPOSITORY, data, 2, models, List.of(DEMO)));
        a = URI.create(cluster.search().get(0));
        b = URI.create(cluster.search().get(1));
        Path standaloneData = Files.createTempDirectory(Path.of("target"), "standalone-it-");
        standalone = ServiceProcess.start(
                REPOSITORY.resolve("search-service/target/quarkus-app/quarkus-run.jar"),
                Map.of(
                        "loupe.data-dir", standaloneData.toString(),
                        "loupe.models-dir", models.toString(),
                        "loupe.imports.roots", DEMO.toString(),
                        "loupe.demo.import-on-start", "true",
                        "loupe.demo.path", PHOTOS.toString()),
                Path.of("target/standalone-it.log"),
                Duration.ofMinutes(3));
    }

    @AfterAll
    void stop() throws Exception {
        if (standalone != null) {
            standalone.close();
        }
        downQuietly();
    }

    private void downQuietly() {
        try {
            if (data != null) {
                Cluster.down(data);
            }
        } catch (IOException | InterruptedException e) {
            // reported by the test that checks nothing is left behind
        }
    }

    @Test
    @Order(1)
    void writes_cluster_json_with_every_component_and_pid() throws IOException {
        ClusterInfo written = ClusterInfo.read(data).orElseThrow();
        assertThat(written.search()).hasSize(2).allMatch(url -> url.startsWith("http://127.0.0.1:"));
        assertThat(written.indexer()).startsWith("http://127.0.0.1:");
        assertThat(written.embedder()).startsWith("http://127.0.0.1:");
        assertThat(written.kafka()).startsWith("127.0.0.1:");
        assertThat(written.postgres()).startsWith("postgresql://127.0.0.1:");
        assertThat(written.milvus()).startsWith("http://127.0.0.1:");
        assertThat(written.pids())
                .containsOnlyKeys("postgres", "kafka", "milvus", "embedder", "indexer", "search-0", "search-1");
        assertThat(written.pids().values()).allMatch(Cluster::alive);
    }

    @Test
    @Order(1)
    void settings_in_the_launchers_environment_reach_every_replica() {
        // LOUPE_LIMITS_MAX_TEXT_CHARS=500 in the failsafe configuration (the default is 2048)
        Map<String, Object> query = Map.of("text", "a".repeat(600), "limit", 5);
        for (URI replica : List.of(a, b)) {
            given().baseUri(replica.toString())
                    .contentType(ContentType.JSON)
                    .body(query)
                    .post("/v1/search")
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM);
        }
    }

    @Test
    @Order(2)
    void a_folder_import_started_on_one_replica_lands_and_is_followed_on_the_other() {
        String id = given().baseUri(a.toString())
                .contentType(ContentType.JSON)
                .body(Map.of("source", Map.of("type", "folder", "path", PHOTOS.toString())))
                .post("/v1/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("id");

        JsonPath job = awaitImport(b, id);
        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("total")).isEqualTo(DEMO_PHOTOS);
        assertThat(job.getLong("indexed")).isEqualTo(DEMO_PHOTOS);
        assertThat(job.getLong("failed")).isZero();
        JsonPath onA = json(given().baseUri(a.toString()).get("/v1/imports/" + id));
        assertThat(onA.getLong("indexed")).isEqualTo(DEMO_PHOTOS);
        assertThat(onA.getString("status")).isEqualTo("done");
        assertThat(json(given().baseUri(b.toString()).get("/v1/photos?limit=5")).getLong("total"))
                .isEqualTo(DEMO_PHOTOS);
        List<String> recentOnA =
                json(given().baseUri(a.toString()).get("/v1/imports")).getList("jobs.id");
        List<String> recentOnB =
                json(given().baseUri(b.toString()).get("/v1/imports")).getList("jobs.id");
        assertThat(recentOnA).contains(id).isEqualTo(recentOnB);
        awaitStandaloneDemo();
    }

    @Test
    @Order(3)
    void events_published_straight_to_photo_ingested_are_searchable() throws Exception {
        List<String> ids = List.of("pizza/image_0001.jpg", "watch/image_0001.jpg", "chair/image_0001.jpg");
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafka());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            for (String id : ids) {
                PhotoIngested event = new PhotoIngested(
                        "it-" + id,
                        id,
                        "events",
                        PHOTOS.resolve(id).toUri().toString(),
                        PhotoMetadata.EMPTY,
                        Instant.now());
                producer.send(new ProducerRecord<>("photo-ingested", id, PhotoIngestedJson.write(event)))
                        .get();
            }
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().baseUri(b.toString())
                                .get("/v1/photos?collection=events&limit=10")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> json(given().baseUri(b.toString()).get("/v1/photos?collection=events&limit=10"))
                                .getLong("total")
                        == ids.size());
        List<String> hits = json(given().baseUri(a.toString())
                        .contentType(ContentType.JSON)
                        .body(Map.of("text", "a pizza", "collection", "events", "limit", 10))
                        .post("/v1/search"))
                .getList("hits.id");
        assertThat(hits).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    @Order(4)
    void text_image_photo_and_hybrid_search_and_zero_shot_answer_as_standalone_does() {
        for (Map<String, Object> query : List.of(
                Map.<String, Object>of("text", "a pizza", "limit", 10),
                Map.<String, Object>of("photoId", "sunflower/image_0001.jpg", "limit", 10),
                Map.<String, Object>of(
                        "text",
                        "a flower",
                        "photoId",
                        "dalmatian/image_0001.jpg",
                        "negativeText",
                        "a dog",
                        "limit",
                        10))) {
            assertSameHits(
                    "search " + query, post(standalone.url(), "/v1/search", query), post(a, "/v1/search", query));
        }
        Path image = PHOTOS.resolve("watch/image_0002.jpg");
        assertSameHits(
                "image upload",
                json(given().baseUri(standalone.url().toString())
                        .multiPart("image", image.toFile(), "image/jpeg")
                        .multiPart("limit", "10")
                        .post("/v1/search")),
                json(given().baseUri(b.toString())
                        .multiPart("image", image.toFile(), "image/jpeg")
                        .multiPart("limit", "10")
                        .post("/v1/search")));
        Map<String, Object> classify = Map.of(
                "labels", List.of("pizza", "sunflower", "watch", "chair"),
                "photoIds", List.of("pizza/image_0001.jpg", "watch/image_0001.jpg", "chair/image_0001.jpg"));
        JsonPath expected = post(standalone.url(), "/v1/classify", classify);
        JsonPath actual = post(a, "/v1/classify", classify);
        assertThat(actual.getList("photos.label")).isEqualTo(expected.getList("photos.label"));
        assertThat(actual.getList("photos.id")).isEqualTo(expected.getList("photos.id"));
        List<Float> want = expected.getList("photos.probability", Float.class);
        List<Float> got = actual.getList("photos.probability", Float.class);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i)).isCloseTo(want.get(i), org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    @Order(5)
    void thumbnails_are_served_by_every_replica() {
        String url = json(given().baseUri(a.toString())
                        .urlEncodingEnabled(false)
                        .get("/v1/photos/pizza%2Fimage_0001.jpg"))
                .getString("thumbnailUrl");
        assertThat(url).startsWith("/v1/photos/");
        byte[] fromA = given().baseUri(a.toString())
                .urlEncodingEnabled(false)
                .get(url)
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .extract()
                .asByteArray();
        byte[] fromB = given().baseUri(b.toString())
                .urlEncodingEnabled(false)
                .get(url)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(fromA).isNotEmpty().isEqualTo(fromB);
    }

    @Test
    @Order(6)
    void a_classifier_session_spans_replicas_and_survives_a_killed_one() throws Exception {
        String id = given().baseUri(a.toString())
                .contentType(ContentType.JSON)
                .body(Map.of("prompt", "a photo of a sunflower"))
                .post("/v1/classifiers")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        List<String> candidates = json(given().baseUri(b.toString())
                        .queryParam("limit", 6)
                        .get("/v1/classifiers/" + id + "/candidates"))
                .getList("candidates.id");
        assertThat(candidates).hasSize(6);
        post(
                b,
                "/v1/classifiers/" + id + "/labels",
                Map.of("positive", candidates.subList(0, 2), "negative", candidates.subList(2, 4)));
        JsonPath trained = json(given().baseUri(a.toString()).post("/v1/classifiers/" + id + "/train"));
        assertThat(trained.getInt("round")).isEqualTo(1);
        JsonPath applied = post(b, "/v1/classifiers/" + id + "/apply", Map.of("threshold", 0.5, "limit", 5));
        assertThat(applied.getLong("scanned")).isEqualTo(DEMO_PHOTOS);
        assertThat(json(given().baseUri(b.toString()).get("/v1/classifiers/" + id))
                        .getInt("round"))
                .isEqualTo(1);

        long pidA = cluster.pids().get("search-0");
        ProcessHandle.of(pidA).orElseThrow().destroyForcibly(); // SIGKILL
        await().atMost(Duration.ofSeconds(30)).until(() -> !Cluster.alive(pidA));
        post(
                b,
                "/v1/classifiers/" + id + "/labels",
                Map.of("positive", candidates.subList(4, 5), "negative", candidates.subList(5, 6)));
        assertThat(json(given().baseUri(b.toString()).post("/v1/classifiers/" + id + "/train"))
                        .getInt("round"))
                .isEqualTo(2);

        cluster = Cluster.start(data, "search-0");
        assertThat(cluster.pids().get("search-0")).isNotEqualTo(pidA);
        JsonPath seenByA = json(given().baseUri(a.toString()).get("/v1/classifiers/" + id));
        assertThat(seenByA.getInt("round")).isEqualTo(2);
        assertThat(seenByA.getLong("labels.positive")).isEqualTo(3);
        assertThat(seenByA.getLong("labels.negative")).isEqualTo(3);
        assertThat(json(given().baseUri(a.toString()).get("/v1/photos?limit=1")).getLong("total"))
                .isEqualTo(DEMO_PHOTOS);
    }

    @Test
    @Order(6)
    void a_question_bank_goes_through_kafka_into_milvus_and_is_searched_as_standalone_does() {
        Map<String, Object> collection = Map.of("name", "questions", "kind", "texts", "model", TEXT_MODEL);
        for (URI service : List.of(a, standalone.url())) {
            given().baseUri(service.toString())
                    .contentType(ContentType.JSON)
                    .body(collection)
                    .post("/v1/collections")
                    .then()
                    .statusCode(201);
        }
        // created on A, so B sees it in Milvus too
        given().baseUri(b.toString())
                .contentType(ContentType.JSON)
                .body(collection)
                .post("/v1/collections")
                .then()
                .statusCode(200);
        Map<String, Object> source =
                Map.of("source", Map.of("type", "jsonl", "path", QUESTIONS.toString()), "collection", "questions");
        String distributed = post(b, "/v1/imports", source).getString("id");
        String local = post(standalone.url(), "/v1/imports", source).getString("id");

        JsonPath job = awaitImport(a, distributed);
        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("indexed")).isEqualTo(DEMO_QUESTIONS);
        assertThat(awaitImport(standalone.url(), local).getLong("indexed")).isEqualTo(DEMO_QUESTIONS);
        JsonPath described = json(given().baseUri(a.toString()).get("/v1/collections/questions"));
        assertThat(described.getString("kind")).isEqualTo("texts");
        assertThat(described.getLong("count")).isEqualTo(DEMO_QUESTIONS);
        assertThat(described.getString("fields.grade")).isEqualTo("integer");

        Map<String, Object> dense = Map.of(
                "collection",
                "questions",
                "text",
                "how do green plants make food from light",
                "mode",
                "dense",
                "limit",
                5);
        JsonPath denseHits = post(a, "/v1/texts/search", dense);
        assertThat(denseHits.getString("hits[0].id")).isEqualTo("bio-001");
        assertSameHits("dense text search", post(standalone.url(), "/v1/texts/search", dense), denseHits);

        JsonPath lexical = post(
                b, "/v1/texts/search", Map.of("collection", "questions", "text", "Berlin Wall", "mode", "lexical"));
        assertThat(lexical.getList("hits.id", String.class)).containsExactly("hist-001");
        assertThat(lexical.getList("hits[0].highlights")).hasSize(2);

        Map<String, Object> hybrid = Map.of(
                "collection",
                "questions",
                "text",
                "equation",
                "filter",
                Map.of("field", "subject", "op", "eq", "value", "math"),
                "limit",
                5);
        List<String> distributedHybrid = post(a, "/v1/texts/search", hybrid).getList("hits.id", String.class);
        assertThat(distributedHybrid).first().isEqualTo("math-001");
        assertThat(distributedHybrid).allMatch(id -> id.startsWith("math-"));
        assertThat(post(standalone.url(), "/v1/texts/search", hybrid).getList("hits.id", String.class))
                .first()
                .isEqualTo("math-001");

        JsonPath similar = json(given().baseUri(b.toString())
                .queryParam("collection", "questions")
                .queryParam("limit", 3)
                .get("/v1/texts/bio-001/similar"));
        assertThat(similar.getList("hits.id", String.class)).hasSize(3).doesNotContain("bio-001");
    }

    @Test
    @Order(7)
    void with_the_embedder_stopped_search_answers_503_in_bounded_time_and_recovers_by_itself() throws Exception {
        Cluster.stop(data, "embedder");
        Map<String, Object> query = Map.of("text", "a pizza", "limit", 5);
        long started = System.nanoTime();
        Response refused = given().baseUri(a.toString())
                .contentType(ContentType.JSON)
                .body(query)
                .post("/v1/search");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith(PROBLEM);
        assertThat(refused.jsonPath().getString("type")).endsWith("embedder-unavailable");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        // photo-id search needs no embedding: it goes on meanwhile
        assertThat(given().baseUri(b.toString())
                        .contentType(ContentType.JSON)
                        .body(Map.of("photoId", "pizza/image_0001.jpg", "limit", 3))
                        .post("/v1/search")
                        .statusCode())
                .isEqualTo(200);
        given().baseUri(a.toString()).get("/q/health/ready").then().statusCode(503);
        given().baseUri(a.toString()).get("/q/health/live").then().statusCode(200);

        cluster = Cluster.start(data, "embedder");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().baseUri(a.toString())
                                .contentType(ContentType.JSON)
                                .body(query)
                                .post("/v1/search")
                                .statusCode()
                        == 200);
        given().baseUri(a.toString()).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    @Order(8)
    void down_stops_every_process_it_started() throws Exception {
        ClusterInfo running = ClusterInfo.read(data).orElseThrow();
        Optional<Long> postmaster = Files.readAllLines(data.resolve("postgres/postmaster.pid")).stream()
                .findFirst()
                .map(line -> Long.parseLong(line.strip()));
        assertThat(postmaster).isPresent();

        Cluster.down(data);

        assertThat(running.pids().values()).noneMatch(Cluster::alive);
        assertThat(Cluster.alive(postmaster.get())).as("the PostgreSQL server").isFalse();
        assertThat(ClusterInfo.read(data)).isEmpty();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            assertThat(all.filter(p -> p.info().commandLine().orElse("").contains(data.toString()))
                            .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                    .as("no process of the cluster's data directory")
                    .isEmpty();
        }
    }

    // --- helpers

    private JsonPath awaitImport(URI service, String id) {
        Instant deadline = Instant.now().plus(IMPORT_DEADLINE);
        while (true) {
            JsonPath job = json(given().baseUri(service.toString()).get("/v1/imports/" + id));
            String status = job.getString("status");
            if (status.equals("done") || status.equals("failed")) {
                return job;
            }
            assertThat(Instant.now())
                    .as("import %s done in time (now %s)", id, job.prettify())
                    .isBefore(deadline);
            sleep(Duration.ofMillis(500));
        }
    }

    private void awaitStandaloneDemo() {
        await().atMost(IMPORT_DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<String> statuses = json(given().baseUri(standalone.url().toString())
                            .get("/v1/imports"))
                    .getList("jobs.status");
            return !statuses.isEmpty() && statuses.getFirst().equals("done");
        });
        assertThat(json(given().baseUri(standalone.url().toString()).get("/v1/photos?limit=1"))
                        .getLong("total"))
                .isEqualTo(DEMO_PHOTOS);
    }

    private static JsonPath post(URI service, String path, Object body) {
        return json(given().baseUri(service.toString())
                .contentType(ContentType.JSON)
                .body(body)
                .post(path));
    }

    private static JsonPath json(Response response) {
        assertThat(response.statusCode()).as("%s", response.body().asString()).isBetween(200, 299);
        return response.jsonPath();
    }

    /**
     * The same hits with the same scores: ids in order, where photos tie (scores within 1e-4, which the
     * two stores' float sums may order either way) in either order.
     */
    private static void assertSameHits(String what, JsonPath expected, JsonPath actual) {
        List<Hit> want = hits(expected);
        List<Hit> got = hits(actual);
        assertThat(got).as(what).hasSameSizeAs(want);
        assertThat(want).as(what).isNotEmpty();
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i).score())
                    .as("%s: score at %d", what, i)
                    .isCloseTo(want.get(i).score(), org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(ordered(got)).as(what).isEqualTo(ordered(want));
    }

    private record Hit(String id, float score) {}

    private static List<Hit> hits(JsonPath response) {
        List<String> ids = response.getList("hits.id");
        List<Float> scores = response.getList("hits.score", Float.class);
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            hits.add(new Hit(ids.get(i), scores.get(i)));
        }
        return hits;
    }

    /** Ids by score bucket (1e-4) then id, so that ties compare equal. */
    private static List<String> ordered(List<Hit> hits) {
        return hits.stream()
                .sorted(Comparator.comparingLong((Hit h) -> -Math.round(h.score() * 1e4))
                        .thenComparing(Hit::id))
                .map(Hit::id)
                .toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
