package dev.loupe.classifier.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.classifier.AverageVector;
import dev.loupe.classifier.LabelledVector;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionSimulatorTest {

    private static final int DIMENSION = 32;
    private static final int CLASSES = 8;
    private static final int PER_CLASS = 60;
    private static final int TARGET = 3;
    private static final int DECOY = 5;

    @TempDir
    Path root;

    private final SyntheticClusters clusters = new SyntheticClusters(17, DIMENSION, CLASSES);
    private final LabelledCollection photos = clusters.collection(PER_CLASS, 0.6);
    private LuceneVectorStore store;
    private SessionSimulator simulator;

    @BeforeEach
    void load_the_photos() {
        store = new LuceneVectorStore(root);
        simulator = SessionSimulator.load(store, "photos", photos, SessionSimulator.Options.DEFAULTS);
    }

    @AfterEach
    void close_the_store() {
        store.close();
    }

    /** A prompt that points mostly at another class: its best photos are the decoy's, the target's come next. */
    private SessionSimulator.Target misleadingPrompt() {
        return new SessionSimulator.Target(TARGET, "target", clusters.mix(TARGET, 0.5, DECOY, 1.0));
    }

    @Test
    void the_trained_classifier_overtakes_a_misleading_prompt_within_a_few_rounds() {
        SessionTrace trace = simulator.simulate(misleadingPrompt());

        RoundResult start = trace.rounds().getFirst();
        assertThat(start.prompt().all()).isLessThan(0.2);
        assertThat(start.trained()).isEqualTo(start.prompt());
        RoundResult third = trace.rounds().get(3);
        assertThat(third.trained().all()).isGreaterThan(third.prompt().all() + 0.5);
        assertThat(trace.last().trained().all()).isGreaterThanOrEqualTo(0.9);
        assertThat(trace.last().positives()).isPositive();
        assertThat(trace.targetPhotos()).isEqualTo(PER_CLASS);
        assertThat(trace.chance()).isEqualTo(1.0 / CLASSES);
    }

    @Test
    void never_proposes_a_photo_already_labelled() {
        SessionSimulator.Options withBoundary =
                new SessionSimulator.Options(10, 10, 50, 0.5, SessionSimulator.Options.DEFAULTS.training());
        SessionTrace trace = SessionSimulator.load(store, "with_boundary", photos, withBoundary)
                .simulate(misleadingPrompt());

        Set<String> seen = new HashSet<>();
        for (RoundResult round : trace.rounds().subList(1, trace.rounds().size())) {
            assertThat(round.proposed()).hasSize(10).doesNotHaveDuplicates().noneMatch(seen::contains);
            seen.addAll(round.proposed());
            assertThat(round.labels()).isEqualTo(seen.size());
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void reports_the_start_and_then_one_result_per_round() {
        SessionSimulator.Options options =
                new SessionSimulator.Options(4, 5, 20, 0.4, SessionSimulator.Options.DEFAULTS.training());
        SessionSimulator four = SessionSimulator.load(store, "four_rounds", photos, options);

        SessionTrace trace = four.simulate(misleadingPrompt());

        assertThat(trace.rounds()).extracting(RoundResult::round).containsExactly(0, 1, 2, 3, 4);
        assertThat(trace.rounds()).extracting(RoundResult::labels).containsExactly(0, 5, 10, 15, 20);
        assertThat(trace.rounds().getFirst().loss()).isNaN();
        assertThat(trace.last().loss()).isFinite();
    }

    @Test
    void the_average_vector_column_is_the_baseline_built_from_the_same_labels() {
        // no boundary candidates (the default): the first round proposes the decoy's photos only, no positive
        SessionTrace trace = simulator.simulate(misleadingPrompt());

        List<LabelledVector> labels = new ArrayList<>();
        Set<Integer> labelled = new HashSet<>();
        boolean sawRoundWithoutPositives = false;
        for (RoundResult round : trace.rounds().subList(1, trace.rounds().size())) {
            for (String id : round.proposed()) {
                int index = photos.index(id);
                labelled.add(index);
                labels.add(new LabelledVector(id, photos.vector(index), photos.label(index) == TARGET));
            }
            float[] expected;
            if (round.positives() == 0) {
                sawRoundWithoutPositives = true;
                expected = misleadingPrompt().prompt();
            } else {
                expected = AverageVector.of(labels);
            }
            assertThat(round.averageVector()).isEqualTo(Precision.of(expected, photos, TARGET, 50, labelled));
            assertThat(round.positives()).isEqualTo((int)
                    labels.stream().filter(LabelledVector::positive).count());
        }
        assertThat(sawRoundWithoutPositives)
                .as("the first round labels only decoys")
                .isTrue();
    }

    @Test
    void refuses_a_prompt_of_another_dimension() {
        assertThatThrownBy(() -> simulator.simulate(new SessionSimulator.Target(0, "short", new float[] {1, 0})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 dimensions");
    }

    @Test
    void refuses_options_outside_their_ranges() {
        var training = SessionSimulator.Options.DEFAULTS.training();
        assertThatThrownBy(() -> new SessionSimulator.Options(0, 10, 50, 0.2, training))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionSimulator.Options(1, 101, 50, 0.2, training))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionSimulator.Options(1, 10, 0, 0.2, training))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionSimulator.Options(1, 10, 50, 1.2, training))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
