package dev.loupe.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionScorerTest {

    private static final int DIMENSION = 16;
    private static final String COLLECTION = "photos";

    @TempDir
    Path root;

    private final TestVectors vectors = new TestVectors(3, DIMENSION);
    private final float[] target = vectors.any();
    private final List<PhotoRecord> records = new ArrayList<>();
    private LuceneVectorStore store;

    @BeforeEach
    void fill_a_collection_bigger_than_a_page() {
        store = new LuceneVectorStore(root);
        store.createCollection(CollectionSpec.of(COLLECTION, DIMENSION));
        for (int i = 0; i < 2500; i++) {
            float[] v = i % 10 == 0 ? vectors.near(target, 0.5) : vectors.any();
            records.add(PhotoRecord.of("photo-" + i, v).withTags(List.of(i < 1000 ? "first" : "rest")));
        }
        store.upsert(COLLECTION, records);
    }

    @AfterEach
    void close_the_store() {
        store.close();
    }

    @Test
    void counts_every_positive_and_returns_the_best_first() {
        LinearClassifier classifier = LinearClassifier.toward(target).withThreshold(0.5);
        List<PhotoRecord> handedOn = new ArrayList<>();

        CollectionScorer.Result result =
                CollectionScorer.apply(store, COLLECTION, Filter.all(), classifier, 0.5, 25, handedOn::addAll);

        List<PhotoRecord> expected = records.stream()
                .filter(r -> classifier.score(r.vector()) >= 0.5)
                .sorted(Comparator.comparingDouble((PhotoRecord r) -> classifier.score(r.vector()))
                        .reversed())
                .toList();
        assertThat(expected).hasSizeGreaterThan(100); // the near-target tenth
        assertThat(result.scanned()).isEqualTo(2500);
        assertThat(result.positives()).isEqualTo(expected.size());
        assertThat(handedOn)
                .extracting(PhotoRecord::id)
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(PhotoRecord::id).toList());
        assertThat(result.best())
                .extracting(p -> p.record().id())
                .containsExactlyElementsOf(
                        expected.subList(0, 25).stream().map(PhotoRecord::id).toList());
        assertThat(result.best()).allSatisfy(p -> assertThat(p.probability()).isGreaterThanOrEqualTo(0.5));
    }

    @Test
    void a_higher_probability_threshold_keeps_fewer_photos() {
        LinearClassifier classifier = LinearClassifier.toward(target).withThreshold(0.5);

        long atHalf = CollectionScorer.apply(store, COLLECTION, Filter.all(), classifier, 0.5, 0, page -> {})
                .positives();
        long atNinetyNine = CollectionScorer.apply(store, COLLECTION, Filter.all(), classifier, 0.99, 0, page -> {})
                .positives();

        assertThat(atNinetyNine).isLessThan(atHalf);
    }

    @Test
    void scores_only_the_photos_matching_the_filter() {
        CollectionScorer.Result result = CollectionScorer.apply(
                store,
                COLLECTION,
                Filter.tagContains("first"),
                LinearClassifier.toward(target).withThreshold(-1),
                0.5,
                10,
                page -> {});

        assertThat(result.scanned()).isEqualTo(1000);
        assertThat(result.positives()).isEqualTo(1000);
        assertThat(result.best()).hasSize(10);
    }

    @Test
    void refuses_a_negative_limit_and_a_threshold_outside_zero_to_one() {
        LinearClassifier classifier = LinearClassifier.toward(target);
        assertThatThrownBy(() -> CollectionScorer.apply(store, COLLECTION, Filter.all(), classifier, 0.5, -1, p -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CollectionScorer.apply(store, COLLECTION, Filter.all(), classifier, 1.0, 1, p -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
