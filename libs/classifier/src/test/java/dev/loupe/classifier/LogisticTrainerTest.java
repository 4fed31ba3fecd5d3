package dev.loupe.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogisticTrainerTest {

    private static final int DIMENSION = 64;

    private final TestVectors vectors = new TestVectors(7, DIMENSION);
    private final float[] target = vectors.any();
    private final float[] other = vectors.any();

    @Test
    void learns_to_separate_two_clusters_starting_from_an_unrelated_direction() {
        List<LabelledVector> labels = labels(10, 10);
        LinearClassifier start = LinearClassifier.toward(vectors.any());
        LogisticTrainer trainer = new LogisticTrainer();

        LogisticTrainer.Result result = trainer.train(start, labels);

        assertThat(result.accuracy()).isEqualTo(1.0);
        assertThat(result.loss()).isLessThan(lossOf(start, labels) / 2);
        assertThat(norm(result.classifier().weight())).isCloseTo(1.0, within(1e-5));
        // the direction turned toward the positives' cluster
        assertThat(result.classifier().score(target))
                .isGreaterThan(result.classifier().score(other));
        assertThat(result.steps()).isPositive();
    }

    @Test
    void keeps_the_direction_at_unit_norm_after_every_step() {
        List<LabelledVector> labels = labels(5, 5);
        LinearClassifier start = LinearClassifier.toward(vectors.any());
        for (int steps = 1; steps <= 5; steps++) {
            LogisticTrainer oneStepAtATime = new LogisticTrainer(new LogisticTrainer.Options(steps, 0.5, 0));
            assertThat(norm(oneStepAtATime.train(start, labels).classifier().weight()))
                    .isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void learns_the_threshold_between_the_classes() {
        List<LabelledVector> labels = labels(20, 20);
        LogisticTrainer.Result result = new LogisticTrainer().train(LinearClassifier.toward(target), labels);

        double lowestPositive = labels.stream()
                .filter(LabelledVector::positive)
                .mapToDouble(l -> result.classifier().score(l.vector()))
                .min()
                .orElseThrow();
        double highestNegative = labels.stream()
                .filter(l -> !l.positive())
                .mapToDouble(l -> result.classifier().score(l.vector()))
                .max()
                .orElseThrow();
        assertThat(result.classifier().threshold()).isBetween(highestNegative, lowestPositive);
    }

    @Test
    void weighs_the_classes_equally_so_a_few_positives_are_not_outvoted() {
        List<LabelledVector> labels = labels(3, 60);

        LogisticTrainer.Result result = new LogisticTrainer().train(LinearClassifier.toward(vectors.any()), labels);

        assertThat(labels.stream().filter(LabelledVector::positive))
                .allMatch(l -> result.classifier().probability(l.vector()) > 0.5);
    }

    @Test
    void positives_alone_pull_the_direction_toward_them() {
        List<LabelledVector> labels = labels(8, 0);
        LinearClassifier start = LinearClassifier.toward(vectors.any());

        LogisticTrainer.Result result = new LogisticTrainer().train(start, labels);

        assertThat(result.accuracy()).isEqualTo(1.0);
        assertThat(result.classifier().score(target)).isGreaterThan(start.score(target) + 0.1);
    }

    @Test
    void separates_photos_that_look_almost_alike_to_the_model() {
        // a random-weight model maps every photo near one direction: cosines of 0.999 between photos
        float[] common = vectors.any();
        List<LabelledVector> labels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            labels.add(new LabelledVector("p" + i, vectors.near(common, 0.03), true));
            labels.add(new LabelledVector("n" + i, vectors.near(common, 0.03), false));
        }

        LogisticTrainer.Result result = new LogisticTrainer().train(LinearClassifier.toward(vectors.any()), labels);

        assertThat(result.accuracy()).isEqualTo(1.0);
    }

    @Test
    void is_deterministic() {
        List<LabelledVector> labels = labels(6, 6);
        LinearClassifier start = LinearClassifier.toward(target);

        assertThat(new LogisticTrainer().train(start, labels)).isEqualTo(new LogisticTrainer().train(start, labels));
    }

    @Test
    void refuses_no_labels_and_vectors_of_another_dimension() {
        LinearClassifier start = LinearClassifier.toward(target);
        LogisticTrainer trainer = new LogisticTrainer();

        assertThatThrownBy(() -> trainer.train(start, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trainer.train(start, List.of(new LabelledVector("p1", new float[] {1, 0}, true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p1");
    }

    private List<LabelledVector> labels(int positives, int negatives) {
        List<LabelledVector> labels = new ArrayList<>();
        for (int i = 0; i < positives; i++) {
            labels.add(new LabelledVector("p" + i, vectors.near(target, 0.8), true));
        }
        for (int i = 0; i < negatives; i++) {
            labels.add(new LabelledVector("n" + i, vectors.near(other, 0.8), false));
        }
        return labels;
    }

    private static double lossOf(LinearClassifier classifier, List<LabelledVector> labels) {
        // zero steps: the loss of the starting classifier
        return new LogisticTrainer(new LogisticTrainer.Options(1, 1e-12, 1e9))
                .train(classifier, labels)
                .loss();
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
