package dev.loupe.search;

import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.RuntimeOptions;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A data directory holding the default collection {@code photos} with the 18 golden photos embedded by
 * the repository's test model, built before the service starts; the service is pointed at it and at
 * the repository's {@code models}, listening on loopback only. The directory is deleted when the tests
 * end.
 */
public class GoldenPhotosResource implements QuarkusTestResourceLifecycleManager {

    public static final String COLLECTION = "photos";

    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("loupe-search-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path models = TestPhotos.modelsDir();
        try (EmbeddingModel model =
                        ModelLoader.load(TestPhotos.MODEL, models.resolve(TestPhotos.MODEL), RuntimeOptions.cpu());
                LuceneVectorStore store = new LuceneVectorStore(dataDir.resolve("vectors"))) {
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
        Path importRoot = dataDir.resolve("import-root");
        try {
            Files.createDirectories(importRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "loupe.imports.roots", importRoot.toString(),
                "loupe.data-dir", dataDir.toString(),
                "loupe.models-dir", models.toString(),
                // the packaged jar (prod profile) would listen on every interface
                "quarkus.http.host", "127.0.0.1");
    }

    @Override
    public void stop() {
        TestDirectories.delete(dataDir);
    }
}
