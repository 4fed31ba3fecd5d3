package dev.loupe.search.bench;

import dev.loupe.encoders.bench.BenchFixtures;
import dev.loupe.search.TestPhotos;
import dev.loupe.testkit.EmbeddingLikeVectors;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A data directory whose default collection holds {@value #PHOTOS} embedding-like 512-d records
 * ({@link EmbeddingLikeVectors}: low-rank clusters plus noise, not uniform random), served with the full-size ViT-B/32 bundle. Built
 * once under {@code target/bench-search-data} and reused while its record count is right. Without
 * {@code ../shared} it points the service at the test model and an empty directory; the benchmark
 * then skips itself.
 */
public class SearchBenchData implements QuarkusTestResourceLifecycleManager {

    static final int PHOTOS = 100_000;
    static final String MODEL = "vit-b-32";

    private static final Logger LOG = Logger.getLogger(SearchBenchData.class);
    private static final String COLLECTION = "photos";
    private static final int DIMENSIONS = 512; // ViT-B/32's projection
    private static final long SEED = 42;
    private static final int BATCH = 1_000;
    private static final String[] TAGS = {"beach", "city", "dog", "food", "forest", "mountain", "people", "snow"};

    @Override
    public Map<String, String> start() {
        Path target = Path.of("target").toAbsolutePath();
        if (BenchFixtures.SHARED == null) {
            return Map.of(
                    "loupe.data-dir", target.resolve("bench-search-empty").toString(),
                    "loupe.models-dir", TestPhotos.modelsDir().toString(),
                    "quarkus.http.host", "127.0.0.1");
        }
        Path dataDir = target.resolve("bench-search-data");
        try {
            ensureRecords(dataDir.resolve("vectors"));
            return Map.of(
                    "loupe.data-dir",
                    dataDir.toString(),
                    "loupe.models-dir",
                    modelsDir(target).toString(),
                    "loupe.model",
                    MODEL,
                    "quarkus.http.host",
                    "127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the benchmark data in " + dataDir, e);
        }
    }

    @Override
    public void stop() {}

    /** A directory holding only the ViT-B/32 bundle. */
    private static Path modelsDir(Path target) throws IOException {
        Path dir = target.resolve("search-bench-models");
        Files.createDirectories(dir);
        Path link = dir.resolve(MODEL);
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, BenchFixtures.vitB32Bundle(false));
        }
        return dir;
    }

    private static void ensureRecords(Path vectors) throws IOException {
        try (LuceneVectorStore store = new LuceneVectorStore(vectors)) {
            EmbeddingLikeVectors generator = new EmbeddingLikeVectors(SEED, DIMENSIONS);
            long present = store.stats(COLLECTION).map(s -> s.count()).orElse(0L);
            if (present == PHOTOS && sameGenerator(store, generator)) {
                LOG.infof("reusing %d benchmark records in %s", present, vectors);
                return;
            }
            store.dropCollection(COLLECTION);
            store.createCollection(CollectionSpec.of(COLLECTION, DIMENSIONS));
            long started = System.nanoTime();
            Instant indexedAt = Instant.parse("2026-01-01T00:00:00Z");
            for (int from = 0; from < PHOTOS; from += BATCH) {
                List<PhotoRecord> records = new ArrayList<>(BATCH);
                for (int i = from; i < from + BATCH; i++) {
                    String id = "photo-" + i;
                    records.add(new PhotoRecord(
                            id,
                            generator.vector(i),
                            COLLECTION,
                            "https://photos.example/" + id + ".jpg",
                            "/v1/photos/" + id + "/thumbnail",
                            "Photo " + i,
                            "a synthetic record for the search benchmark",
                            List.of(TAGS[i % TAGS.length]),
                            640,
                            480,
                            "bench",
                            indexedAt.minusSeconds(i),
                            indexedAt,
                            Integer.toHexString(i),
                            MODEL,
                            Map.of()));
                }
                store.upsert(COLLECTION, records);
            }
            LOG.infof("indexed %d benchmark records in %d s", PHOTOS, (System.nanoTime() - started) / 1_000_000_000L);
        }
    }

    /** Whether the stored records came from this generator (a cache built by older code does not). */
    private static boolean sameGenerator(LuceneVectorStore store, EmbeddingLikeVectors generator) {
        List<PhotoRecord> first = store.get(COLLECTION, List.of("photo-0"));
        return first.size() == 1 && Arrays.equals(first.getFirst().vector(), generator.vector(0));
    }
}
