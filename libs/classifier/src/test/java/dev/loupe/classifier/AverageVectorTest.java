package dev.loupe.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AverageVectorTest {

    @Test
    void is_twice_the_positive_mean_less_the_negative_mean_normalised() {
        List<LabelledVector> labels = List.of(
                new LabelledVector("a", new float[] {1, 0, 0}, true),
                new LabelledVector("b", new float[] {0, 1, 0}, true),
                new LabelledVector("c", new float[] {0, 0, 1}, false));

        float[] v = AverageVector.of(labels);

        // 2 * (0.5, 0.5, 0) - (0, 0, 1) = (1, 1, -1), normalised
        double third = 1 / Math.sqrt(3);
        assertThat(v[0]).isCloseTo((float) third, within(1e-6f));
        assertThat(v[1]).isCloseTo((float) third, within(1e-6f));
        assertThat(v[2]).isCloseTo((float) -third, within(1e-6f));
    }

    @Test
    void is_the_positive_mean_without_negatives_and_needs_a_positive() {
        assertThat(AverageVector.of(List.of(
                        new LabelledVector("a", new float[] {3, 0}, true),
                        new LabelledVector("b", new float[] {3, 0}, true))))
                .containsExactly(1f, 0f);
        assertThatThrownBy(() -> AverageVector.of(List.of(new LabelledVector("c", new float[] {1, 0}, false))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
