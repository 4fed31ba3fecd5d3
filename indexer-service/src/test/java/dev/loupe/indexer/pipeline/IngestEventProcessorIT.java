package dev.loupe.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.indexer.EmbedderServiceProcess;
import dev.loupe.indexer.PhotoServer;
import dev.loupe.indexer.embedder.TestEmbedders;
import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.Connector;
import dev.loupe.ingest.EventOutcome;
import dev.loupe.ingest.FetchPolicy;
import dev.loupe.ingest.FileThumbnailStore;
import dev.loupe.ingest.IngestEventProcessor;
import dev.loupe.ingest.IngestOptions;
import dev.loupe.ingest.IngestPipeline;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.ingest.PhotoIngested;
import dev.loupe.ingest.PhotoMetadata;
import dev.loupe.ingest.PhotoPreparer;
import dev.loupe.testkit.LocalMilvusServer;
import dev.loupe.testkit.PostgresResource;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.milvus.MilvusVectorStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches of events through the whole pipeline with real servers: the local Milvus server, the
 * packaged embedder-service with the bundled test model, and a loopback HTTP server of the demo
 * photos and of bad ones.
 */
@QuarkusTest // the embedder's REST client lives in a Quarkus application
@WithTestResource(PostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestEventProcessorIT {

    private static final String PHOTOS = "photos_it";
    private static final String OTHERS = "others_it";
    private static final String BAD_INPUT = "bad_input_it";

    @TempDir
    Path temp;

    private LocalMilvusServer milvus;
    private EmbedderServiceProcess embedderService;
    private PhotoServer photos;
    private MilvusVectorStore store;
    private EmbedderClient embedder;
    private FileThumbnailStore thumbnails;

    @BeforeAll
    void startServers() throws Exception {
        milvus = LocalMilvusServer.start();
        embedderService = EmbedderServiceProcess.start();
        photos = PhotoServer.start();
        store = MilvusVectorStore.connect(milvus.uri(), null, Duration.ofSeconds(10));
        embedder = TestEmbedders.client(embedderService.url(), 16, Duration.ofSeconds(30));
    }

    @AfterAll
    void stopServers() throws Exception {
        if (embedder != null) {
            embedder.close();
        }
        if (store != null) {
            store.close();
        }
        if (photos != null) {
            photos.close();
        }
        if (embedderService != null) {
            embedderService.close();
        }
        if (milvus != null) {
            milvus.close();
        }
    }

    @Test
    void indexes_good_photos_fails_bad_ones_alone_and_skips_unchanged_ones_when_redelivered() throws Exception {
        List<String> demo = PhotoServer.demoPhotos();
        List<PhotoIngested> events = new ArrayList<>();
        for (String name : demo.subList(0, 24)) {
            events.add(event(name, PHOTOS, photos.url("/photos/" + name).toString()));
        }
        for (String name : demo.subList(24, 28)) {
            events.add(event(name, OTHERS, photos.url("/photos/" + name).toString()));
        }
        events.add(event("truncated", PHOTOS, photos.url("/truncated.jpg").toString()));
        events.add(event("html", PHOTOS, photos.url("/login.jpg").toString()));
        events.add(event("missing", PHOTOS, photos.url("/status/404").toString()));
        events.add(event("unavailable", PHOTOS, photos.url("/status/503").toString()));
        events.add(event("refused", PHOTOS, "http://127.0.0.1:" + closedPort() + "/photo.jpg"));
        events.add(event("file", PHOTOS, "file:///etc/hostname"));
        events.add(event("ftp", PHOTOS, "ftp://photos.test/a.jpg"));
        PhotoIngested stale =
                event(demo.get(0), PHOTOS, photos.url("/status/404").toString());
        events.add(0, stale); // an older event for the first photo, superseded by the later one

        List<EventOutcome> outcomes = processor(() -> store).process(events);

        assertThat(outcomes).hasSize(events.size());
        assertThat(outcomes.stream().map(EventOutcome::event)).containsExactlyElementsOf(events);
        Map<String, String> byPhoto = outcomes.stream()
                .filter(o -> o.event() != stale)
                .collect(Collectors.toMap(o -> o.event().itemId(), IngestEventProcessorIT::describe));
        for (String name : demo.subList(0, 28)) {
            assertThat(byPhoto.get(name)).as(name).isEqualTo("indexed");
        }
        assertThat(outcomes.getFirst()).isEqualTo(new EventOutcome.Skipped(stale, IngestEventProcessor.SUPERSEDED));
        assertThat(byPhoto.get("truncated")).isEqualTo("failed UNDECODABLE permanent");
        assertThat(byPhoto.get("html")).isEqualTo("failed UNDECODABLE permanent");
        assertThat(byPhoto.get("missing")).isEqualTo("failed HTTP_STATUS permanent");
        assertThat(byPhoto.get("unavailable")).isEqualTo("failed HTTP_STATUS retryable");
        assertThat(byPhoto.get("refused")).isEqualTo("failed NETWORK retryable");
        assertThat(byPhoto.get("file")).isEqualTo("failed REFUSED_PATH permanent");
        assertThat(byPhoto.get("ftp")).isEqualTo("failed REFUSED_SCHEME permanent");

        assertThat(store.count(PHOTOS, Filter.all())).isEqualTo(24);
        assertThat(store.count(OTHERS, Filter.all())).isEqualTo(4);
        assertThat(store.stats(PHOTOS).orElseThrow().spec().dimensions()).isEqualTo(EmbedderServiceProcess.DIMENSIONS);
        PhotoRecord first = store.get(PHOTOS, List.of(demo.get(0))).getFirst();
        assertThat(first.modelId()).isEqualTo(EmbedderServiceProcess.MODEL);
        assertThat(first.url()).isEqualTo(photos.url("/photos/" + demo.get(0)).toString());
        assertThat(first.thumbnailUrl()).isEqualTo("/v1/photos/" + demo.get(0).replace("/", "%2F") + "/thumbnail");
        assertThat(thumbnails.get(PHOTOS, demo.get(0))).isPresent();

        List<EventOutcome> again = processor(() -> store).process(events.subList(1, 29));

        assertThat(again)
                .hasSize(28)
                .allSatisfy(o -> assertThat(o).isInstanceOf(EventOutcome.Skipped.class))
                .allSatisfy(o -> assertThat(((EventOutcome.Skipped) o).reason()).isEqualTo(IngestPipeline.UNCHANGED));
        assertThat(store.count(PHOTOS, Filter.all())).isEqualTo(24);
    }

    @Test
    void a_milvus_outage_fails_every_event_retryably_instead_of_throwing() throws Exception {
        String dead = "http://127.0.0.1:" + closedPort();
        Supplier<VectorStore> unreachable = () -> MilvusVectorStore.connect(dead, null, Duration.ofSeconds(2));
        List<PhotoIngested> events = List.of(
                event(
                        "a",
                        PHOTOS,
                        photos.url("/photos/" + PhotoServer.demoPhotos().get(0)).toString()),
                event(
                        "b",
                        OTHERS,
                        photos.url("/photos/" + PhotoServer.demoPhotos().get(1)).toString()));

        List<EventOutcome> outcomes = processor(unreachable).process(events);

        assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(describe(o)).isEqualTo("failed STORE retryable"));
    }

    /**
     * The guard as deployed (private addresses refused), proven without leaving the machine: a
     * resolver stub names the hosts, and the connector carries the one public address to the loopback
     * photo server while recording every connection. Good photos come from {@code photos.test}.
     */
    @Test
    void a_batch_mixing_good_photos_with_every_kind_of_bad_input_fails_each_bad_one_alone() throws Exception {
        InetAddress publicAddress =
                InetAddress.getByAddress("photos.test", new byte[] {93, (byte) 184, (byte) 216, 34});
        AddressResolver resolver = host -> switch (host) {
            case "photos.test" -> List.of(publicAddress);
            case "localhost" -> List.of(InetAddress.getLoopbackAddress());
            case "internal.test" -> List.of(InetAddress.getByAddress(host, new byte[] {10, 0, 0, 8}));
            case "metadata.test" ->
                List.of(InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}));
            case "linklocal.test" ->
                List.of(InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, 10, 1}));
            default -> throw new UnknownHostException(host);
        };
        List<InetSocketAddress> connections = new CopyOnWriteArrayList<>();
        int photoPort = photos.url("/").getPort();
        Connector toPhotoServer = (address, timeoutMillis) -> {
            connections.add(address);
            return Connector.DIRECT.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), photoPort), timeoutMillis);
        };
        FetchPolicy guarded =
                new FetchPolicy(Duration.ofSeconds(2), Duration.ofSeconds(2), 1L << 20, 3, false, List.of(), "LoupeIT");
        String loopbackPhoto =
                photos.url("/photos/" + PhotoServer.demoPhotos().get(0)).toString();
        List<String> good = PhotoServer.demoPhotos().subList(30, 38);
        List<PhotoIngested> events = new ArrayList<>();
        for (String name : good) {
            events.add(event(name, BAD_INPUT, "http://photos.test/photos/" + name));
        }
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("truncated", "http://photos.test/truncated.jpg");
        bad.put("oversized", "http://photos.test/huge.jpg");
        bad.put("zero-bytes", "http://photos.test/empty.jpg");
        bad.put("html", "http://photos.test/login.jpg");
        bad.put("bomb", "http://photos.test/bomb.png");
        bad.put("missing", "http://photos.test/status/404");
        bad.put("slow", "http://photos.test/slow.jpg");
        bad.put("loopback", loopbackPhoto);
        bad.put("loopback-by-name", "http://localhost:" + photoPort + "/photos/x.jpg");
        bad.put("loopback-redirect", "http://photos.test/redirect?" + loopbackPhoto);
        bad.put("private", "http://internal.test/x.jpg");
        bad.put("metadata", "http://metadata.test/latest/meta-data/");
        bad.put("metadata-literal", "http://169.254.169.254/latest/meta-data/");
        bad.put("metadata-redirect", "http://photos.test/redirect?http://169.254.169.254/latest/meta-data/");
        bad.put("link-local", "http://linklocal.test/x.jpg");
        bad.forEach((id, url) -> events.add(event(id, BAD_INPUT, url)));

        List<EventOutcome> outcomes = processor(new PhotoFetcher(guarded, resolver, toPhotoServer), () -> store)
                .process(events);

        Map<String, String> byPhoto =
                outcomes.stream().collect(Collectors.toMap(o -> o.event().itemId(), IngestEventProcessorIT::describe));
        assertThat(byPhoto).hasSize(events.size());
        for (String name : good) {
            assertThat(byPhoto.get(name)).as(name).isEqualTo("indexed");
        }
        assertThat(byPhoto.get("truncated")).isEqualTo("failed UNDECODABLE permanent");
        assertThat(byPhoto.get("oversized")).isEqualTo("failed TOO_LARGE permanent");
        assertThat(byPhoto.get("zero-bytes")).isEqualTo("failed UNDECODABLE permanent");
        assertThat(byPhoto.get("html")).isEqualTo("failed UNDECODABLE permanent");
        assertThat(byPhoto.get("bomb")).isEqualTo("failed UNDECODABLE permanent");
        assertThat(byPhoto.get("missing")).isEqualTo("failed HTTP_STATUS permanent");
        assertThat(byPhoto.get("slow")).isEqualTo("failed TIMEOUT retryable");
        for (String refused : List.of(
                "loopback",
                "loopback-by-name",
                "loopback-redirect",
                "private",
                "metadata",
                "metadata-literal",
                "metadata-redirect",
                "link-local")) {
            assertThat(byPhoto.get(refused)).as(refused).isEqualTo("failed REFUSED_ADDRESS permanent");
        }
        assertThat(connections)
                .as("only the public address was ever connected to")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.getAddress()).isEqualTo(publicAddress));
        assertThat(store.count(BAD_INPUT, Filter.all())).isEqualTo(good.size());
    }

    private IngestEventProcessor processor(Supplier<VectorStore> vectors) {
        FetchPolicy policy = new FetchPolicy(
                Duration.ofSeconds(2), Duration.ofSeconds(10), 20L << 20, 3, true, List.of(), "LoupeIT");
        return processor(new PhotoFetcher(policy, AddressResolver.system()), vectors);
    }

    private IngestEventProcessor processor(PhotoFetcher fetcher, Supplier<VectorStore> vectors) {
        thumbnails = new FileThumbnailStore(temp.resolve("thumbnails"));
        return new IngestEventProcessor(
                fetcher,
                new PhotoPreparer(new ImageDecoder(ImageLimits.DEFAULT), 64),
                TestEmbedders.photos(embedder, 16),
                vectors,
                thumbnails,
                new IngestOptions(8, 4, "/v1/photos/{id}/thumbnail"),
                IndexSettings.DEFAULT);
    }

    private static PhotoIngested event(String photoId, String collection, String url) {
        return new PhotoIngested(
                "event-" + photoId + "-" + System.nanoTime(),
                photoId,
                collection,
                url,
                PhotoMetadata.EMPTY,
                Instant.now());
    }

    private static String describe(EventOutcome outcome) {
        return switch (outcome) {
            case EventOutcome.Indexed indexed -> "indexed";
            case EventOutcome.Skipped skipped -> "skipped " + skipped.reason();
            case EventOutcome.Failed failed ->
                "failed " + failed.reason() + (failed.retryable() ? " retryable" : " permanent");
        };
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
