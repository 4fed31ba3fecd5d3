package dev.loupe.indexer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.embedder.client.RemotePhotoEmbedder;
import dev.loupe.encoders.bench.BenchFixtures;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.indexer.embedder.TestEmbedders;
import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.FetchPolicy;
import dev.loupe.ingest.FetchedPhoto;
import dev.loupe.ingest.IngestEventProcessor;
import dev.loupe.ingest.IngestOptions;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.ingest.PhotoMetadata;
import dev.loupe.ingest.PhotoPreparer;
import dev.loupe.ingest.PhotoSource;
import dev.loupe.ingest.PreparedPhoto;
import dev.loupe.ingest.ThumbnailStore;
import dev.loupe.jobs.ImportProgress;
import dev.loupe.testkit.BenchReport;
import dev.loupe.testkit.LocalMilvusServer;
import dev.loupe.testkit.PhotoCorpus;
import dev.loupe.testkit.PostgresResource;
import dev.loupe.testkit.ServiceProcess;
import dev.loupe.testkit.kafka.LocalKafka;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.milvus.MilvusVectorStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ingestion throughput end to end against the embedder's own, in one run per model: photos published
 * to Kafka → consumed (two consumers, two partitions) → fetched over loopback HTTP → decoded →
 * embedded by the packaged embedder-service with the full-size ViT-B/32 (fp32, then int8) → upserted
 * into the local Milvus server, against the same embedder fed the same photos' bytes directly by two
 * concurrent clients (its best throughput at this batch size: it runs two single-threaded batches at
 * once). Everything shares the two cores, which is the point: the indexer's own work must not eat the
 * embedder's throughput.
 *
 * <p>Run: {@code ./loupe bench -pl libs/testkit,indexer-service -am -DskipITs -Dtest=IngestionThroughputBench}
 */
@Tag("bench")
@QuarkusTest // the embedder's REST client lives in a Quarkus application
@WithTestResource(PostgresResource.class)
class IngestionThroughputBench {

    private static final int PHOTOS = 240;
    private static final int ROUNDS = 3;
    private static final int BATCH = 16;
    private static final int WARM_UP = 32;
    private static final Path EMBEDDER_JAR = Path.of("../embedder-service/target/quarkus-app/quarkus-run.jar");
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    @Test
    void ingestion_keeps_up_with_the_embedder() throws Exception {
        BenchFixtures.assumeShared();
        BenchReport report = new BenchReport("ingestion-throughput");
        PhotoCorpus corpus = PhotoCorpus.demo();
        HttpServer photos = corpus.serve();
        try (LocalKafka kafka = LocalKafka.start();
                LocalMilvusServer milvus = LocalMilvusServer.start()) {
            int next = 0;
            for (boolean int8 : List.of(false, true)) {
                String model = int8 ? "ViT-B/32 int8" : "ViT-B/32 fp32";
                try (ServiceProcess embedder = startEmbedder(int8);
                        EmbedderClient client = client(embedder.url());
                        Pipeline pipeline =
                                new Pipeline(kafka, milvus, client, photos, int8 ? "bench_int8" : "bench_fp32")) {
                    // warm-up of both: ONNX Runtime's first runs, the collection created, the JIT
                    embedAlone(client, prepare(corpus, next, WARM_UP));
                    pipeline.round(next + WARM_UP, WARM_UP);
                    next += 2 * WARM_UP;
                    double alone = 0;
                    double ingested = 0;
                    for (int round = 0; round < ROUNDS; round++) { // interleaved, so both see the same machine
                        alone = Math.max(alone, embedAlone(client, prepare(corpus, next, PHOTOS)));
                        ingested = Math.max(ingested, pipeline.round(next + PHOTOS, PHOTOS));
                        next += 2 * PHOTOS; // new photos each time: the pipeline skips unchanged ones
                    }
                    report.line(String.format(
                            "%s, %d photos a round, batch %d, best of %d interleaved rounds: embedder alone %.1f"
                                    + " photos/s; Kafka -> fetch -> embed -> Milvus %.1f photos/s = %.2f x the embedder",
                            model, PHOTOS, BATCH, ROUNDS, alone, ingested, ingested / alone));
                }
            }
        } finally {
            photos.stop(0);
        }
    }

    /** Photos/s of two clients sending batches of {@link #BATCH} at once. */
    private static double embedAlone(EmbedderClient client, List<PreparedPhoto> photos) throws Exception {
        RemotePhotoEmbedder embedder = TestEmbedders.photos(client, BATCH);
        List<List<PreparedPhoto>> batches = new ArrayList<>();
        for (int i = 0; i < photos.size(); i += BATCH) {
            batches.add(photos.subList(i, Math.min(photos.size(), i + BATCH)));
        }
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                running.add(clients.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                        assertThat(embedder.embed(batches.get(b)).length)
                                .isEqualTo(batches.get(b).size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(DEADLINE.toMinutes(), TimeUnit.MINUTES);
            }
        }
        return photos.size() / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * The indexer's path, running: two consumers of a fresh topic (two partitions, each polling two
     * embedder batches, so one is fetched while the other is embedded) feeding the event processor,
     * which writes into one Milvus collection. {@link #round} times one batch of events.
     */
    private static final class Pipeline implements AutoCloseable {

        private final AtomicInteger outcomes = new AtomicInteger();
        private final AtomicInteger indexed = new AtomicInteger();
        private final HttpServer photos;
        private final String collection;
        private final MilvusVectorStore store;
        private final KafkaEventPublisher publisher;
        private final KafkaIngestion ingestion;

        Pipeline(
                LocalKafka kafka, LocalMilvusServer milvus, EmbedderClient client, HttpServer photos, String collection)
                throws InterruptedException {
            this.photos = photos;
            this.collection = collection;
            TestKafkaConfig config =
                    TestKafkaConfig.of(kafka.bootstrapServers(), collection).withBatching(2 * BATCH, 2);
            kafka.createTopic(config.topic(), 2);
            kafka.createTopic(config.retryTopic(), 2);
            kafka.createTopic(config.dlqTopic(), 1);
            ImportProgress progress = (importId, recorded) -> recorded.forEach(o -> {
                if (o instanceof EventOutcome.Indexed) {
                    indexed.incrementAndGet();
                }
                outcomes.incrementAndGet();
            });
            store = MilvusVectorStore.connect(milvus.uri(), null, Duration.ofSeconds(30));
            IngestEventProcessor processor = new IngestEventProcessor(
                    new PhotoFetcher(fetchPolicy(), AddressResolver.system()),
                    PhotoPreparer.withoutThumbnails(new ImageDecoder(ImageLimits.DEFAULT)),
                    TestEmbedders.photos(client, BATCH),
                    () -> store,
                    new NoThumbnailStore(),
                    new IngestOptions(BATCH, 4, null),
                    IndexSettings.DEFAULT);
            publisher = new KafkaEventPublisher(config);
            ingestion = KafkaIngestion.start(
                    config,
                    events -> processor.process(events.stream()
                            .map(dev.loupe.ingest.PhotoIngested.class::cast)
                            .toList()),
                    progress,
                    new SimpleMeterRegistry(),
                    Clock.systemUTC());
        }

        /** Photos/s from publishing {@code count} events to the last one's outcome, every one indexed. */
        double round(int first, int count) throws InterruptedException {
            int before = outcomes.get();
            long started = System.nanoTime();
            publisher.publish("bench", events(photos, collection, first, count));
            Instant deadline = Instant.now().plus(DEADLINE);
            while (outcomes.get() < before + count) {
                assertThat(Instant.now()).as("outcomes in time").isBefore(deadline);
                Thread.sleep(5);
            }
            double rate = count / ((System.nanoTime() - started) / 1e9);
            assertThat(indexed.get()).as("every event indexed").isEqualTo(outcomes.get());
            assertThat(store.count(collection, Filter.all())).isEqualTo(outcomes.get());
            return rate;
        }

        @Override
        public void close() {
            ingestion.close();
            publisher.close();
            store.close();
        }
    }

    private static List<PhotoIngested> events(HttpServer photos, String collection, int first, int count) {
        List<PhotoIngested> events = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            events.add(new PhotoIngested(
                    "bench-" + i,
                    "photo-" + i,
                    collection,
                    PhotoCorpus.url(photos, i),
                    PhotoMetadata.EMPTY,
                    Instant.now()));
        }
        return events;
    }

    private static ServiceProcess startEmbedder(boolean int8) throws Exception {
        Path bundle = BenchFixtures.vitB32Bundle(int8);
        Path models = Files.createTempDirectory("ingestion-bench-models");
        Files.createSymbolicLink(models.resolve("vit-b-32"), bundle);
        return ServiceProcess.start(
                EMBEDDER_JAR,
                Map.of(
                        "loupe.embedder.models-dir", models.toString(),
                        "loupe.embedder.default-model", "vit-b-32",
                        "loupe.embedder.batching.max-batch-size", String.valueOf(BATCH),
                        // the CPU throughput setting of BENCHMARKS.md's REST benchmark
                        "loupe.embedder.runtime.intra-op-threads", "1",
                        "loupe.embedder.batching.workers", "2",
                        "loupe.embedder.batching.queue-capacity", "512",
                        "loupe.embedder.limits.max-items-per-request", String.valueOf(BATCH)),
                Path.of("target/ingestion-bench-embedder.log"),
                Duration.ofMinutes(3));
    }

    private static EmbedderClient client(URI url) {
        return TestEmbedders.client(url, BATCH, Duration.ofMinutes(2));
    }

    /** Photos {@code first ..} decoded as the pipeline would, so the embedder-alone pass sends the same bytes. */
    private static List<PreparedPhoto> prepare(PhotoCorpus corpus, int first, int count) throws Exception {
        PhotoPreparer preparer = new PhotoPreparer(new ImageDecoder(ImageLimits.DEFAULT), 64);
        List<PreparedPhoto> prepared = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            URI location = URI.create("http://photos.bench/" + i + ".jpg");
            prepared.add(preparer.prepare(
                    new PhotoSource("alone-" + i, location, PhotoMetadata.EMPTY),
                    new FetchedPhoto(location, corpus.jpeg(i), "image/jpeg")));
        }
        return prepared;
    }

    private static FetchPolicy fetchPolicy() {
        return new FetchPolicy(
                Duration.ofSeconds(5), Duration.ofSeconds(30), 20L << 20, 3, true, List.of(), "LoupeBench/1");
    }

    /** The indexer's default: no thumbnails directory, so none are made or kept. */
    private static final class NoThumbnailStore implements ThumbnailStore {
        @Override
        public void put(String collection, String photoId, byte[] jpeg) {}

        @Override
        public Optional<byte[]> get(String collection, String photoId) {
            return Optional.empty();
        }

        @Override
        public void deleteCollection(String collection) {}
    }
}
