package dev.loupe.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.PhotoRecord;
import dev.loupe.vectorstore.SearchQuery;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardExamplesTest {

    private static final int DIMENSION = 32;
    private static final String COLLECTION = "photos";

    @TempDir
    Path root;

    private final TestVectors vectors = new TestVectors(11, DIMENSION);
    private final float[] target = vectors.any();
    private LuceneVectorStore store;

    @BeforeEach
    void fill_a_collection() {
        store = new LuceneVectorStore(root);
        store.createCollection(CollectionSpec.of(COLLECTION, DIMENSION));
        List<PhotoRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] v = i < 100 ? vectors.near(target, 1.0) : vectors.any();
            records.add(PhotoRecord.of("photo-" + i, v).withTags(List.of(i % 2 == 0 ? "even" : "odd")));
        }
        store.upsert(COLLECTION, records);
    }

    @AfterEach
    void close_the_store() {
        store.close();
    }

    @Test
    void proposes_the_nearest_photos_best_first() {
        LinearClassifier classifier = LinearClassifier.toward(target);

        List<HardExamples.Candidate> candidates =
                HardExamples.propose(store, COLLECTION, Filter.all(), classifier, Set.of(), 20, 0);

        List<String> nearest = store.search(COLLECTION, SearchQuery.of(target, 20)).stream()
                .map(h -> h.record().id())
                .toList();
        assertThat(candidates).extracting(HardExamples.Candidate::id).containsExactlyElementsOf(nearest);
        assertThat(candidates)
                .extracting(HardExamples.Candidate::score)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(candidates).noneMatch(HardExamples.Candidate::boundary);
        assertThat(candidates)
                .allSatisfy(c -> assertThat(c.probability()).isEqualTo(classifier.probabilityOfScore(c.score())));
        assertThat(candidates).allSatisfy(c -> assertThat(c.record().id()).isEqualTo(c.id()));
    }

    @Test
    void never_proposes_a_labelled_photo_round_after_round() {
        LinearClassifier classifier = LinearClassifier.toward(target);
        Set<String> labelled = new HashSet<>();

        for (int round = 0; round < 8; round++) {
            List<HardExamples.Candidate> candidates =
                    HardExamples.propose(store, COLLECTION, Filter.all(), classifier, labelled, 10, 0.3);
            assertThat(candidates).hasSize(10);
            Set<String> ids =
                    candidates.stream().map(HardExamples.Candidate::id).collect(Collectors.toSet());
            assertThat(ids).hasSize(10).noneMatch(labelled::contains);
            labelled.addAll(ids);
        }
        assertThat(labelled).hasSize(80);
    }

    @Test
    void mixes_in_the_photos_nearest_the_decision_boundary() {
        // threshold at the 60th nearest photo's score: the boundary lies inside the search window
        List<Float> scores = store.search(COLLECTION, SearchQuery.of(target, 200)).stream()
                .map(h -> h.score())
                .toList();
        LinearClassifier classifier = LinearClassifier.toward(target).withThreshold(scores.get(60));

        List<HardExamples.Candidate> candidates =
                HardExamples.propose(store, COLLECTION, Filter.all(), classifier, Set.of(), 10, 0.5);

        assertThat(candidates).hasSize(10);
        List<HardExamples.Candidate> boundary =
                candidates.stream().filter(HardExamples.Candidate::boundary).toList();
        assertThat(boundary).hasSize(5);
        // the five nearest the threshold among the window's photos past the top five
        assertThat(boundary)
                .allSatisfy(c -> assertThat(c.score()).isBetween((double) scores.get(64), (double) scores.get(56)));
        assertThat(candidates.stream().filter(c -> !c.boundary()).map(HardExamples.Candidate::score))
                .containsExactly(
                        scores.subList(0, 5).stream().map(Float::doubleValue).toArray(Double[]::new));
    }

    @Test
    void proposes_only_photos_matching_the_filter() {
        List<HardExamples.Candidate> candidates = HardExamples.propose(
                store, COLLECTION, Filter.tagContains("even"), LinearClassifier.toward(target), Set.of(), 30, 0.2);

        assertThat(candidates).hasSize(30);
        assertThat(candidates)
                .allSatisfy(c -> assertThat(Integer.parseInt(c.id().substring("photo-".length())) % 2)
                        .isZero());
    }

    @Test
    void refuses_a_boundary_share_outside_zero_to_one() {
        assertThatThrownBy(() -> HardExamples.propose(
                        store, COLLECTION, Filter.all(), LinearClassifier.toward(target), Set.of(), 10, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
