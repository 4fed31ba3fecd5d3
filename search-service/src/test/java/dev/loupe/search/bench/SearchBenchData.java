package dev.loupe.search.bench;

import dev.loupe.encoders.bench.BenchFixtures;
import dev.loupe.search.TestPhotos;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jboss.logging.Logger;

/**
 * A data directory whose default collection holds {@value #PHOTOS} embedding-like 512-d records
 * (low-rank clusters plus noise, not uniform random), served with the full-size ViT-B/32 bundle. Built
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
    private static final int LATENT = 64; // rank of the cluster structure
    private static final int CLUSTERS = 500;
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
            long present = store.stats(COLLECTION).map(s -> s.count()).orElse(0L);
            if (present == PHOTOS) {
                LOG.infof("reusing %d benchmark records in %s", present, vectors);
                return;
            }
            store.dropCollection(COLLECTION);
            store.createCollection(CollectionSpec.of(COLLECTION, DIMENSIONS));
            long started = System.nanoTime();
            EmbeddingLikeVectors generator = new EmbeddingLikeVectors(42);
            Instant indexedAt = Instant.parse("2026-01-01T00:00:00Z");
            for (int from = 0; from < PHOTOS; from += BATCH) {
                List<PhotoRecord> records = new ArrayList<>(BATCH);
                for (int i = from; i < from + BATCH; i++) {
                    String id = "photo-" + i;
                    records.add(new PhotoRecord(
                            id,
                            generator.next(),
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

    /** Unit vectors near a few hundred cluster centres in a low-rank subspace, plus isotropic noise. */
    static final class EmbeddingLikeVectors {
        private final SplittableRandom random;
        private final float[][] projection = new float[LATENT][DIMENSIONS];
        private final float[][] centres = new float[CLUSTERS][LATENT];

        EmbeddingLikeVectors(long seed) {
            random = new SplittableRandom(seed);
            for (float[] row : projection) {
                fill(row, 1);
            }
            for (float[] centre : centres) {
                fill(centre, 1);
            }
        }

        float[] next() {
            float[] centre = centres[random.nextInt(CLUSTERS)];
            float[] latent = new float[LATENT];
            for (int j = 0; j < LATENT; j++) {
                latent[j] = centre[j] + 0.5f * gaussian();
            }
            float[] vector = new float[DIMENSIONS];
            for (int j = 0; j < LATENT; j++) {
                float weight = latent[j];
                float[] row = projection[j];
                for (int d = 0; d < DIMENSIONS; d++) {
                    vector[d] += weight * row[d];
                }
            }
            double norm = 0;
            for (int d = 0; d < DIMENSIONS; d++) {
                vector[d] += 2f * gaussian(); // noise at about a fifth of the signal's scale per dimension
                norm += vector[d] * vector[d];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < DIMENSIONS; d++) {
                vector[d] *= scale;
            }
            return vector;
        }

        private void fill(float[] values, float sigma) {
            for (int i = 0; i < values.length; i++) {
                values[i] = sigma * gaussian();
            }
        }

        private float gaussian() {
            return (float) random.nextGaussian();
        }
    }
}
