package dev.loupe.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.search.encoder.UnitVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryVectorCombinerTest {

    private static final double EPS = 1e-6;

    @Test
    void a_single_part_becomes_its_unit_vector() {
        float[] q = QueryVectorCombiner.combine(List.of(part("text", 1, 3, 0, 4)), List.of());

        assertThat(q).containsExactly(new float[] {0.6f, 0f, 0.8f}, within(1e-6f));
    }

    @Test
    void parts_are_normalised_before_they_are_weighted() {
        // lengths 10 and 1: without normalising, the long vector would dominate
        float[] q = QueryVectorCombiner.combine(List.of(part("text", 1, 10, 0), part("image", 1, 0, 1)), List.of());

        double half = Math.sqrt(0.5);
        assertThat(q[0]).isCloseTo((float) half, within(1e-6f));
        assertThat(q[1]).isCloseTo((float) half, within(1e-6f));
    }

    @Test
    void weights_scale_each_part_and_the_result_has_unit_length() {
        float[] q = QueryVectorCombiner.combine(List.of(part("text", 3, 1, 0), part("image", 1, 0, 1)), List.of());

        // (3, 1) / sqrt(10)
        assertThat(q[0]).isCloseTo((float) (3 / Math.sqrt(10)), within(1e-6f));
        assertThat(q[1]).isCloseTo((float) (1 / Math.sqrt(10)), within(1e-6f));
        assertThat(length(q)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void the_negative_part_is_subtracted_with_its_weight() {
        float[] text = {1, 0, 0};
        float[] negative = {0.6f, 0.8f, 0};
        float[] q = QueryVectorCombiner.combine(
                List.of(new QueryVectorCombiner.Part("text", text, 1)),
                List.of(new QueryVectorCombiner.Part("negativeText", negative, 0.5)));

        // (1, 0, 0) - 0.5 (0.6, 0.8, 0) = (0.7, -0.4, 0), normalised
        double norm = Math.sqrt(0.49 + 0.16);
        assertThat(q[0]).isCloseTo((float) (0.7 / norm), within(1e-6f));
        assertThat(q[1]).isCloseTo((float) (-0.4 / norm), within(1e-6f));
        assertThat(UnitVectors.dot(q, negative)).isLessThan(UnitVectors.dot(text, negative));
    }

    @Test
    void zero_weight_parts_drop_out() {
        float[] q = QueryVectorCombiner.combine(List.of(part("text", 1, 1, 0), part("image", 0, 0, 1)), List.of());

        assertThat(q).containsExactly(new float[] {1, 0}, within(1e-6f));
    }

    @Test
    void refuses_when_no_positive_part_has_weight() {
        assertThatThrownBy(() -> QueryVectorCombiner.combine(List.of(part("text", 0, 1, 0)), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryVectorCombiner.combine(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parts_that_cancel_out_are_a_degenerate_query() {
        assertThatThrownBy(() -> QueryVectorCombiner.combine(
                        List.of(part("text", 1, 0.3, 0.4)), List.of(part("negativeText", 1, 3, 4))))
                .isInstanceOf(DegenerateQueryException.class)
                .hasMessageContaining("[text] minus [negativeText]");
    }

    @Test
    void refuses_negative_weights_and_vectors_of_different_lengths() {
        assertThatThrownBy(() -> part("text", -1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> part("text", Double.NaN, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryVectorCombiner.combine(
                        List.of(part("text", 1, 1, 0), part("image", 1, 1, 0, 0)), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static QueryVectorCombiner.Part part(String name, double weight, double... values) {
        float[] vector = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            vector[i] = (float) values[i];
        }
        return new QueryVectorCombiner.Part(name, vector, weight);
    }

    private static double length(float[] v) {
        return Math.sqrt(UnitVectors.dot(v, v));
    }
}
