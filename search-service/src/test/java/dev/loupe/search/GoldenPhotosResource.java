package dev.loupe.search;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.testkit.LocalMilvusServer;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import dev.loupe.vectorstore.milvus.MilvusVectorStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A data directory holding the default collection {@code photos} with the 18 golden photos embedded by
 * the repository's test model, built before the service starts; the service is pointed at it and at
 * the repository's {@code models}, listening on loopback only. The directory is deleted when the tests
 * end.
 *
 * <p>The init argument {@value #STORE} picks the vector store: {@code lucene} (the default: indexes in
 * the data directory) or {@code milvus} (a {@link LocalMilvusServer} started here and stopped with the
 * tests, holding the photos; the service gets {@code loupe.store.type=milvus}). Further init arguments
 * are passed to the service as settings.
 */
public class GoldenPhotosResource implements QuarkusTestResourceLifecycleManager {

    public static final String COLLECTION = "photos";

    /** Init argument naming the vector store: {@code lucene} or {@code milvus}. */
    public static final String STORE = "store";

    private static final Duration MILVUS_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> settings = new HashMap<>();
    private boolean milvus;
    private Path dataDir;
    private LocalMilvusServer milvusServer;

    @Override
    public void init(Map<String, String> initArgs) {
        settings.putAll(initArgs);
        String store = settings.remove(STORE);
        milvus = "milvus".equals(store);
        if (store != null && !milvus && !store.equals("lucene")) {
            throw new IllegalArgumentException("store must be lucene or milvus, got " + store);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("loupe-search-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(settings);
        if (milvus) {
            try {
                milvusServer = LocalMilvusServer.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Milvus", e);
            }
            try (MilvusVectorStore store = MilvusVectorStore.connect(milvusServer.uri(), null, MILVUS_TIMEOUT)) {
                store(store);
            }
            config.put("loupe.store.type", "milvus");
            config.put("loupe.store.milvus.uri", milvusServer.uri());
        } else {
            writeLuceneDataDir(dataDir);
        }
        Path importRoot = dataDir.resolve("import-root");
        try {
            Files.createDirectories(importRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("loupe.imports.roots", importRoot.toString());
        config.put("loupe.data-dir", dataDir.toString());
        config.put("loupe.models-dir", TestPhotos.modelsDir().toString());
        // the packaged jar (prod profile) would listen on every interface
        config.put("quarkus.http.host", "127.0.0.1");
        return config;
    }

    @Override
    public void stop() {
        try {
            if (milvusServer != null) {
                milvusServer.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            TestDirectories.delete(dataDir);
        }
    }

    /** Writes the Lucene indexes of the golden photos where the service reads them: {@code <dataDir>/vectors}. */
    public static void writeLuceneDataDir(Path dataDir) {
        try (LuceneVectorStore store = new LuceneVectorStore(dataDir.resolve("vectors"))) {
            store(store);
        }
    }

    /** Creates the collection {@value #COLLECTION} in a store and upserts the golden photos into it. */
    public static void store(VectorStore store) {
        Path models = TestPhotos.modelsDir();
        try (EmbeddingModel model =
                ModelLoader.load(TestPhotos.MODEL, models.resolve(TestPhotos.MODEL), RuntimeOptions.cpu())) {
            ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
            List<float[]> pixels = new ArrayList<>();
            List<BufferedImage> images = new ArrayList<>();
            for (TestPhotos.Photo photo : TestPhotos.ALL) {
                BufferedImage image = decoder.decode(TestPhotos.bytes(photo.file()));
                images.add(image);
                pixels.add(model.imagePreprocessor().preprocess(image));
            }
            float[][] vectors = model.embedImages(pixels);
            store.createCollection(CollectionSpec.of(COLLECTION, model.info().dimensions()));
            List<PhotoRecord> records = new ArrayList<>();
            Instant indexedAt = Instant.parse("2025-01-01T00:00:00Z");
            for (int i = 0; i < vectors.length; i++) {
                TestPhotos.Photo photo = TestPhotos.ALL.get(i);
                records.add(new PhotoRecord(
                        photo.id(),
                        vectors[i],
                        COLLECTION,
                        "file:photos/" + photo.file(),
                        null,
                        photo.title(),
                        "golden photo " + photo.file(),
                        photo.tags(),
                        images.get(i).getWidth(),
                        images.get(i).getHeight(),
                        photo.source(),
                        photo.takenAt(),
                        indexedAt,
                        null,
                        TestPhotos.MODEL,
                        Map.of("file", photo.file())));
            }
            store.upsert(COLLECTION, records);
        }
    }
}
