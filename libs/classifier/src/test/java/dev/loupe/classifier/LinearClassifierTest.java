package dev.loupe.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearClassifierTest {

    @Test
    void keeps_a_unit_copy_of_its_direction() {
        float[] direction = {3, 4};
        LinearClassifier classifier = LinearClassifier.toward(direction);

        assertThat(classifier.weight()).containsExactly(0.6f, 0.8f);
        direction[0] = 100;
        classifier.weight()[1] = 100;
        assertThat(classifier.weight()).containsExactly(0.6f, 0.8f);
    }

    @Test
    void probability_is_one_half_at_the_threshold_and_rises_with_the_score() {
        LinearClassifier classifier = new LinearClassifier(new float[] {1, 0}, 0.2, 30);

        assertThat(classifier.probability(new float[] {0.2f, 0.98f})).isCloseTo(0.5, within(1e-6));
        assertThat(classifier.probabilityOfScore(0.3)).isGreaterThan(0.95);
        assertThat(classifier.probabilityOfScore(0.1)).isLessThan(0.05);
        assertThat(classifier.probabilityOfScore(-1e6)).isZero();
        assertThat(classifier.probabilityOfScore(1e6)).isEqualTo(1);
    }

    @Test
    void score_at_inverts_the_probability() {
        LinearClassifier classifier = new LinearClassifier(new float[] {0, 1}, -0.1, 12);

        for (double p : new double[] {0.01, 0.5, 0.9}) {
            assertThat(classifier.probabilityOfScore(classifier.scoreAt(p))).isCloseTo(p, within(1e-9));
        }
        assertThatThrownBy(() -> classifier.scoreAt(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> classifier.scoreAt(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_weights_and_parameters_that_define_no_classifier() {
        assertThatThrownBy(() -> LinearClassifier.toward(new float[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero");
        assertThatThrownBy(() -> LinearClassifier.toward(new float[] {Float.NaN, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> LinearClassifier.toward(new float[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinearClassifier(new float[] {1}, 1.5, 30))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinearClassifier(new float[] {1}, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinearClassifier.toward(new float[] {1, 0}).score(new float[] {1, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 dimensions");
    }

    @Test
    void classifiers_with_the_same_parameters_are_equal() {
        assertThat(new LinearClassifier(new float[] {1, 1}, 0.1, 5))
                .isEqualTo(new LinearClassifier(new float[] {2, 2}, 0.1, 5))
                .hasSameHashCodeAs(new LinearClassifier(new float[] {2, 2}, 0.1, 5))
                .isNotEqualTo(new LinearClassifier(new float[] {1, 1}, 0.2, 5));
    }
}
