package dev.loupe.search.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both paths of the duplicate scan, on a collection with known near-duplicates among random photos. */
class DuplicateFinderTest {

    private static final int DIMENSIONS = 32;
    private static final int UNRELATED = 80; // random 32-d unit vectors: pairwise cosine about 0 ± 0.18
    private static final double THRESHOLD = 0.95;
    private static final double CHAIN_COSINE = 0.97; // x~y and y~z above the threshold, x~z (0.88) below

    @TempDir
    Path dir;

    private LuceneVectorStore store;

    @BeforeEach
    void fill() {
        store = new LuceneVectorStore(dir);
        store.createCollection(CollectionSpec.of("photos", DIMENSIONS));
        Random random = new Random(42);
        List<PhotoRecord> records = new ArrayList<>();
        for (int i = 0; i < UNRELATED; i++) {
            records.add(PhotoRecord.of(String.format("p%02d", i), randomUnit(random)));
        }
        float[] a = randomUnit(random);
        records.add(PhotoRecord.of("a1", a));
        records.add(PhotoRecord.of("a2", a.clone())); // exact copy
        records.add(PhotoRecord.of("a3", jitter(a, random))); // a re-encode
        float[] b = randomUnit(random);
        records.add(PhotoRecord.of("b1", b));
        records.add(PhotoRecord.of("b2", jitter(b, random)));
        float[] u = randomUnit(random);
        float[] w = orthogonalUnit(u, random);
        double theta = Math.acos(CHAIN_COSINE);
        records.add(PhotoRecord.of("x", rotate(u, w, 0)));
        records.add(PhotoRecord.of("y", rotate(u, w, theta)));
        records.add(PhotoRecord.of("z", rotate(u, w, 2 * theta)));
        store.upsert("photos", records);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void all_pairs_finds_copies_reencodes_and_chains_as_components() {
        DuplicateFinder.Result<PhotoRecord> result = finder(1000).find("photos", THRESHOLD);

        assertThat(result.exact()).isTrue();
        assertThat(result.scanned()).isEqualTo(UNRELATED + 8);
        assertThat(groups(result))
                .containsExactlyInAnyOrder(Set.of("a1", "a2", "a3"), Set.of("x", "y", "z"), Set.of("b1", "b2"));
        Components.Group chain = group(result, "x");
        assertThat(chain.weakest()).isBetween(CHAIN_COSINE - 1e-4, CHAIN_COSINE + 1e-4);
        assertThat(group(result, "a1").strongest()).isGreaterThan(0.9999);
        assertThat(result.groups().getLast().ids()).hasSize(2); // largest first
        assertThat(result.records()).containsOnlyKeys("a1", "a2", "a3", "b1", "b2", "x", "y", "z");
        assertThat(result.records().get("a1").vector()).isNull();
    }

    @Test
    void nearest_neighbours_finds_the_same_groups_on_a_larger_collection() {
        DuplicateFinder.Result<PhotoRecord> exact = finder(1000).find("photos", THRESHOLD);
        DuplicateFinder.Result<PhotoRecord> knn = finder(0).find("photos", THRESHOLD);

        assertThat(knn.exact()).isFalse();
        assertThat(knn.scanned()).isEqualTo(exact.scanned());
        assertThat(groups(knn)).containsExactlyInAnyOrderElementsOf(groups(exact));
        assertThat(group(knn, "x").weakest()).isCloseTo(group(exact, "x").weakest(), within(1e-4));
        assertThat(knn.records()).containsOnlyKeys("a1", "a2", "a3", "b1", "b2", "x", "y", "z");
    }

    @Test
    void a_threshold_of_one_keeps_only_exact_copies() {
        assertThat(groups(finder(1000).find("photos", 0.99999))).containsExactly(Set.of("a1", "a2"));
    }

    @Test
    void refuses_collections_above_the_record_bound() {
        DuplicateFinder<PhotoRecord> bounded =
                DuplicateFinder.photos(store, new DuplicateFinder.Settings(16, 1000, UNRELATED));

        assertThatThrownBy(() -> bounded.find("photos", THRESHOLD))
                .isInstanceOf(DuplicateScanTooLargeException.class)
                .hasMessageContaining("holds " + (UNRELATED + 8) + " photos");
        assertThatThrownBy(() -> finder(1000).find("nope", THRESHOLD)).isInstanceOf(UnknownCollectionException.class);
    }

    private DuplicateFinder<PhotoRecord> finder(int exactBelow) {
        return DuplicateFinder.photos(store, new DuplicateFinder.Settings(16, exactBelow, 10_000));
    }

    private static List<Set<String>> groups(DuplicateFinder.Result<PhotoRecord> result) {
        return result.groups().stream().map(g -> Set.copyOf(g.ids())).collect(Collectors.toList());
    }

    private static Components.Group group(DuplicateFinder.Result<PhotoRecord> result, String member) {
        return result.groups().stream()
                .filter(g -> g.ids().contains(member))
                .findFirst()
                .orElseThrow();
    }

    private static float[] randomUnit(Random random) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalise(v);
    }

    /** {@code v} plus noise of about 1% of its length: cosine to {@code v} above 0.999. */
    private static float[] jitter(float[] v, Random random) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (random.nextGaussian() * 0.01 / Math.sqrt(DIMENSIONS));
        }
        return normalise(out);
    }

    private static float[] orthogonalUnit(float[] u, Random random) {
        float[] w = randomUnit(random);
        double dot = 0;
        for (int i = 0; i < u.length; i++) {
            dot += u[i] * w[i];
        }
        for (int i = 0; i < u.length; i++) {
            w[i] -= (float) (dot * u[i]);
        }
        return normalise(w);
    }

    private static float[] rotate(float[] u, float[] w, double angle) {
        float[] v = new float[u.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (Math.cos(angle) * u[i] + Math.sin(angle) * w[i]);
        }
        return normalise(v);
    }

    private static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
