package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.TestBundles;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Whole imports with the bundled random CLIP model and a Lucene store in a temporary folder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestPipelineTest {

    private static final String COLLECTION = "fruit";
    private static final int THUMBNAIL_EDGE = 64;

    @TempDir
    Path temp;

    private EmbeddingModel model;
    private Path root;
    private LuceneVectorStore store;
    private FileThumbnailStore thumbnails;

    @BeforeAll
    void loadModel() {
        model = ModelLoader.load(TestBundles.CLIP_TINY, TestBundles.clipTiny(), RuntimeOptions.cpu());
    }

    @AfterAll
    void closeModel() {
        model.close();
    }

    @BeforeEach
    void openStores() throws IOException {
        root = Files.createDirectories(temp.resolve("import"));
        store = new LuceneVectorStore(temp.resolve("index"));
        thumbnails = new FileThumbnailStore(temp.resolve("thumbnails"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void a_folder_import_indexes_good_photos_and_fails_bad_ones_alone() throws IOException {
        layOutFolder();
        RecordingListener listener = new RecordingListener();

        pipeline(new ModelPhotoEmbedder(model), thumbnails, 3).run(COLLECTION, ImportSources.folder(root), listener);

        assertThat(listener.totals).containsExactly(9L);
        assertThat(listener.indexed)
                .containsExactlyInAnyOrder("apple/chair.jpg", "apple/watch.jpg", "pear/dog.jpg", "tux.png");
        assertThat(listener.failed).hasSize(5).allMatch(f -> f.reason() == FailureReason.UNDECODABLE);
        assertThat(listener.failure("/pear/truncated.jpg").message()).contains("the JPEG is truncated");
        assertThat(listener.failure("/empty.jpg").message()).contains("the image is empty (0 bytes)");
        assertThat(listener.failure("/login.jpg").message()).contains("HTML or XML");
        assertThat(listener.failure("/bomb.png").message()).contains("60000x60000");
        assertThat(listener.failure("/notes.jpg").message()).contains("text ('shopping list");
        assertThat(listener.skipped).isEmpty();

        assertThat(store.count(COLLECTION, Filter.all())).isEqualTo(4);
        assertThat(store.count(COLLECTION, Filter.tagContains("apple"))).isEqualTo(2);
        PhotoRecord chair = store.get(COLLECTION, List.of("apple/chair.jpg")).get(0);
        assertThat(chair.collection()).isEqualTo(COLLECTION);
        assertThat(chair.url())
                .isEqualTo(root.resolve("apple/chair.jpg").toUri().toString());
        assertThat(chair.thumbnailUrl()).isEqualTo("/v1/photos/apple%2Fchair.jpg/thumbnail");
        assertThat(chair.tags()).containsExactly("apple");
        assertThat(chair.width()).isEqualTo(199);
        assertThat(chair.height()).isEqualTo(300);
        assertThat(chair.source()).isEqualTo("folder");
        assertThat(chair.contentHash()).isEqualTo(ContentHash.sha256Hex(TestPhotos.bytes("caltech_chair.jpg")));
        assertThat(chair.modelId()).isEqualTo(TestBundles.CLIP_TINY);
        assertThat(chair.indexedAt()).isBefore(Instant.now().plusSeconds(1));
        assertThat(chair.vector()).hasSize(model.info().dimensions());
        assertThat(store.get(COLLECTION, List.of("tux.png")).get(0).tags()).isEmpty();

        for (String id : listener.indexed) {
            BufferedImage thumbnail = ImageIO.read(
                    new ByteArrayInputStream(thumbnails.get(COLLECTION, id).orElseThrow()));
            assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight()))
                    .as(id)
                    .isEqualTo(THUMBNAIL_EDGE);
        }
    }

    @Test
    void running_the_same_import_again_skips_every_unchanged_photo() throws IOException {
        layOutFolder();
        IngestPipeline pipeline = pipeline(new ModelPhotoEmbedder(model), thumbnails, 3);
        pipeline.run(COLLECTION, ImportSources.folder(root), new RecordingListener());
        Instant firstIndexed =
                store.get(COLLECTION, List.of("pear/dog.jpg")).get(0).indexedAt();

        RecordingListener again = new RecordingListener();
        pipeline.run(COLLECTION, ImportSources.folder(root), again);

        assertThat(again.indexed).isEmpty();
        assertThat(again.skipped)
                .containsExactlyInAnyOrder(
                        new RecordingListener.Skip("apple/chair.jpg", IngestPipeline.UNCHANGED),
                        new RecordingListener.Skip("apple/watch.jpg", IngestPipeline.UNCHANGED),
                        new RecordingListener.Skip("pear/dog.jpg", IngestPipeline.UNCHANGED),
                        new RecordingListener.Skip("tux.png", IngestPipeline.UNCHANGED));
        assertThat(again.failed).hasSize(5);
        assertThat(store.get(COLLECTION, List.of("pear/dog.jpg")).get(0).indexedAt())
                .isEqualTo(firstIndexed);

        Files.write(root.resolve("apple/watch.jpg"), TestPhotos.bytes("caltech_airplanes.jpg"));
        RecordingListener changed = new RecordingListener();
        pipeline.run(COLLECTION, ImportSources.folder(root), changed);

        assertThat(changed.indexed).containsExactly("apple/watch.jpg");
        assertThat(store.get(COLLECTION, List.of("apple/watch.jpg")).get(0).width())
                .isEqualTo(391);
        assertThat(store.count(COLLECTION, Filter.all())).isEqualTo(4);
    }

    @Test
    void a_photo_that_fails_embedding_does_not_fail_its_batch() throws IOException {
        layOutFolder();
        PoisonedEmbedder embedder = new PoisonedEmbedder(new ModelPhotoEmbedder(model), "apple/watch.jpg");
        RecordingListener listener = new RecordingListener();

        // one batch: the four good photos are embedded together, then one by one
        pipeline(embedder, thumbnails, 16).run(COLLECTION, ImportSources.folder(root), listener);

        assertThat(listener.indexed).containsExactlyInAnyOrder("apple/chair.jpg", "pear/dog.jpg", "tux.png");
        RecordingListener.Failure poisoned = listener.failure("/apple/watch.jpg");
        assertThat(poisoned.reason()).isEqualTo(FailureReason.EMBEDDING);
        assertThat(poisoned.message()).isEqualTo("the test model chokes on apple/watch.jpg");
        assertThat(embedder.batchSizes).containsExactly(4, 1, 1, 1, 1);
        assertThat(store.count(COLLECTION, Filter.all())).isEqualTo(3);
    }

    @Test
    void an_embedder_naming_the_photo_at_fault_embeds_the_others_together() throws IOException {
        layOutFolder();
        PoisonedEmbedder embedder = new PoisonedEmbedder(new ModelPhotoEmbedder(model), "apple/watch.jpg") {
            @Override
            public float[][] embedEach(List<PreparedPhoto> photos, Refusals refusals) {
                List<PreparedPhoto> others = new ArrayList<>();
                float[][] vectors = new float[photos.size()][];
                for (int i = 0; i < photos.size(); i++) {
                    if (photos.get(i).source().photoId().equals("apple/watch.jpg")) {
                        refusals.refused(i, new FetchException(FailureReason.UNDECODABLE, "corrupt"));
                    } else {
                        others.add(photos.get(i));
                    }
                }
                try {
                    float[][] embedded = embed(others);
                    for (int i = 0, j = 0; i < photos.size(); i++) {
                        if (!photos.get(i).source().photoId().equals("apple/watch.jpg")) {
                            vectors[i] = embedded[j++];
                        }
                    }
                } catch (FetchException e) {
                    throw new AssertionError(e);
                }
                return vectors;
            }
        };
        RecordingListener listener = new RecordingListener();

        pipeline(embedder, thumbnails, 16).run(COLLECTION, ImportSources.folder(root), listener);

        assertThat(listener.indexed).containsExactlyInAnyOrder("apple/chair.jpg", "pear/dog.jpg", "tux.png");
        assertThat(listener.photoFailures)
                .contains(new RecordingListener.PhotoFailure("apple/watch.jpg", FailureReason.UNDECODABLE, false));
        assertThat(embedder.batchSizes).containsExactly(3);
    }

    @Test
    void a_failure_names_its_photo_and_whether_a_retry_may_succeed() throws IOException {
        try (PhotoServer server = PhotoServer.start()) {
            RecordingListener listener = new RecordingListener();
            List<String> urls = List.of(
                    server.url("/photos/caltech_chair.jpg").toString(),
                    server.url("/status/503").toString(),
                    server.url("/status/404").toString());

            pipeline(new ModelPhotoEmbedder(model), thumbnails, 8).run(COLLECTION, ImportSources.urls(urls), listener);

            assertThat(listener.indexed).containsExactly(Locations.urlPhotoId(urls.get(0)));
            assertThat(listener.photoFailures)
                    .containsExactlyInAnyOrder(
                            new RecordingListener.PhotoFailure(
                                    Locations.urlPhotoId(urls.get(1)), FailureReason.HTTP_STATUS, true),
                            new RecordingListener.PhotoFailure(
                                    Locations.urlPhotoId(urls.get(2)), FailureReason.HTTP_STATUS, false));
        }
    }

    @Test
    void a_thumbnail_that_cannot_be_stored_fails_only_its_photo() throws IOException {
        layOutFolder();
        ThumbnailStore refusingDog = new ThumbnailStore() {
            @Override
            public void put(String collection, String photoId, byte[] jpeg) throws IOException {
                if (photoId.equals("pear/dog.jpg")) {
                    throw new IOException("disk full");
                }
                thumbnails.put(collection, photoId, jpeg);
            }

            @Override
            public Optional<byte[]> get(String collection, String photoId) throws IOException {
                return thumbnails.get(collection, photoId);
            }

            @Override
            public void deleteCollection(String collection) {
                thumbnails.deleteCollection(collection);
            }
        };
        RecordingListener listener = new RecordingListener();

        pipeline(new ModelPhotoEmbedder(model), refusingDog, 8).run(COLLECTION, ImportSources.folder(root), listener);

        assertThat(listener.indexed).containsExactlyInAnyOrder("apple/chair.jpg", "apple/watch.jpg", "tux.png");
        assertThat(listener.failure("/pear/dog.jpg"))
                .isEqualTo(new RecordingListener.Failure(
                        root.resolve("pear/dog.jpg").toUri().toString(),
                        FailureReason.STORE,
                        "the thumbnail cannot be stored: disk full"));
        assertThat(store.get(COLLECTION, List.of("pear/dog.jpg"))).isEmpty();
    }

    @Test
    void an_unsplash_tsv_import_maps_its_columns_onto_the_records() throws IOException {
        try (PhotoServer server = PhotoServer.start()) {
            String tsv = new String(TestPhotos.resource("unsplash/photos.tsv000"), StandardCharsets.UTF_8)
                    .replace("http://photos.loupe.test/", server.url("/photos/").toString());
            RecordingListener listener = new RecordingListener();

            pipeline(new ModelPhotoEmbedder(model), thumbnails, 2)
                    .run(
                            "unsplash",
                            ImportSources.unsplashTsv(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8))),
                            listener);

            assertThat(listener.indexed).hasSize(5);
            assertThat(listener.failed)
                    .containsExactly(new RecordingListener.Failure(
                            "TSV line 7 (no-url-row)", FailureReason.UNDECODABLE, "photo_image_url: the URL is empty"));
            PhotoRecord chair = store.get("unsplash", List.of("1e4e6daa781")).get(0);
            assertThat(chair.url())
                    .isEqualTo(server.url("/photos/caltech_chair.jpg").toString());
            assertThat(chair.title()).isEqualTo("a brown chair");
            assertThat(chair.description()).isEqualTo("A \"wooden\"\tchair by the window");
            assertThat(chair.source()).isEqualTo("unsplash");
            assertThat(chair.takenAt()).isEqualTo(Instant.parse("2021-01-06T10:54:53.211Z")); // the store keeps ms
            assertThat(chair.extra()).containsEntry("photo_location_country", "Slovenia");
            assertThat(chair.width()).isEqualTo(199);
            assertThat(store.count("unsplash", Filter.eq("extra.photo_location_city", "Bled")))
                    .isEqualTo(1);
        }
    }

    @Test
    void a_url_list_naming_a_photo_twice_indexes_it_once() throws IOException {
        layOutFolder();
        String url = root.resolve("apple/chair.jpg").toUri().toString();
        RecordingListener listener = new RecordingListener();

        pipeline(new ModelPhotoEmbedder(model), thumbnails, 8)
                .run(COLLECTION, ImportSources.urls(List.of(url, url)), listener);

        assertThat(listener.indexed).containsExactly(Locations.urlPhotoId(url));
        assertThat(listener.skipped)
                .containsExactly(new RecordingListener.Skip(Locations.urlPhotoId(url), IngestPipeline.DUPLICATE));
    }

    @Test
    void interrupting_the_thread_cancels_the_import() throws IOException {
        layOutFolder();
        RecordingListener interrupting = new RecordingListener() {
            @Override
            public void indexed(PhotoSource p) {
                super.indexed(p);
                Thread.currentThread().interrupt();
            }
        };
        IngestPipeline pipeline = pipeline(new ModelPhotoEmbedder(model), thumbnails, 1);

        try {
            assertThatThrownBy(() -> pipeline.run(COLLECTION, ImportSources.folder(root), interrupting))
                    .isInstanceOf(CancellationException.class)
                    .hasMessage("the import into fruit was cancelled");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // leave the test thread as it was
        }
        assertThat(interrupting.indexed).hasSize(1);
        assertThat(store.count(COLLECTION, Filter.all())).isEqualTo(1);
    }

    @Test
    void cancelling_waits_for_the_batch_being_written_and_never_interrupts_it() throws Exception {
        layOutFolder();
        CountDownLatch embedding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean embedderInterrupted = new AtomicBoolean();
        PhotoEmbedder model = new ModelPhotoEmbedder(this.model);
        PhotoEmbedder blocking = new PhotoEmbedder() {
            @Override
            public String modelId() {
                return model.modelId();
            }

            @Override
            public int dimensions() throws FetchException {
                return model.dimensions();
            }

            @Override
            public float[][] embed(List<PreparedPhoto> photos) throws FetchException {
                embedding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    embedderInterrupted.set(true);
                }
                return model.embed(photos);
            }
        };
        RecordingListener listener = new RecordingListener();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        IngestPipeline pipeline = pipeline(blocking, thumbnails, 16);
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                pipeline.run(COLLECTION, ImportSources.folder(root), listener);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });

        assertThat(embedding.await(10, TimeUnit.SECONDS)).isTrue();
        runner.interrupt();
        release.countDown();
        runner.join(Duration.ofSeconds(10));

        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(embedderInterrupted).isFalse();
        assertThat(listener.indexed).hasSize(4);
        assertThat(store.count(COLLECTION, Filter.all())).isEqualTo(4);
    }

    @Test
    void an_invalid_collection_name_is_refused_before_reading() {
        IngestPipeline pipeline = pipeline(new ModelPhotoEmbedder(model), thumbnails, 1);

        assertThatThrownBy(() -> pipeline.run("no spaces", ImportSources.folder(root), new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with a letter");
    }

    /** Four good photos in two tagged folders and the root, five bad ones and a text file to ignore. */
    private void layOutFolder() throws IOException {
        write("apple/chair.jpg", TestPhotos.bytes("caltech_chair.jpg"));
        write("apple/watch.jpg", TestPhotos.bytes("caltech_watch.jpg"));
        write("pear/dog.jpg", TestPhotos.bytes("flickr_dog.jpg"));
        write("tux.png", TestPhotos.bytes("tux_b.png"));
        write("pear/truncated.jpg", TestPhotos.truncatedJpeg());
        write("empty.jpg", new byte[0]);
        write("login.jpg", TestPhotos.html());
        write("bomb.png", TestPhotos.pngBomb());
        write("notes.jpg", TestPhotos.text());
        write("readme.txt", TestPhotos.text());
    }

    private void write(String relative, byte[] bytes) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private IngestPipeline pipeline(PhotoEmbedder embedder, ThumbnailStore thumbnailStore, int batchSize) {
        FetchPolicy policy = new FetchPolicy(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                ImageLimits.DEFAULT.maxBytes(),
                3,
                true,
                List.of(root),
                "LoupeTest");
        return new IngestPipeline(
                new PhotoFetcher(policy, AddressResolver.system()),
                new PhotoPreparer(new ImageDecoder(ImageLimits.DEFAULT), THUMBNAIL_EDGE),
                embedder,
                store,
                thumbnailStore,
                new IngestOptions(batchSize, 2, "/v1/photos/{id}/thumbnail"));
    }

    /** Fails any batch holding the poisoned photo, as a model that chokes on one input would. */
    private static class PoisonedEmbedder implements PhotoEmbedder {

        private final PhotoEmbedder delegate;
        private final String poisoned;
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

        PoisonedEmbedder(PhotoEmbedder delegate, String poisoned) {
            this.delegate = delegate;
            this.poisoned = poisoned;
        }

        @Override
        public String modelId() {
            return delegate.modelId();
        }

        @Override
        public int dimensions() throws FetchException {
            return delegate.dimensions();
        }

        @Override
        public float[][] embed(List<PreparedPhoto> photos) throws FetchException {
            batchSizes.add(photos.size());
            if (photos.stream().anyMatch(p -> p.source().photoId().equals(poisoned))) {
                throw new FetchException(FailureReason.EMBEDDING, "the test model chokes on " + poisoned);
            }
            return delegate.embed(photos);
        }
    }
}
