package dev.loupe.classifier.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecisionTest {

    // photo i lies at angle i/10 from the x axis: the direction (1, 0) ranks them 0, 1, 2, ... exactly
    private static final int PHOTOS = 8;
    private static final int[] CLASSES = {1, 0, 1, 1, 0, 0, 1, 0};
    private static final float[] X = {1, 0};

    private static LabelledCollection fan() {
        float[][] vectors = new float[PHOTOS][];
        for (int i = 0; i < PHOTOS; i++) {
            vectors[i] = new float[] {(float) Math.cos(i / 10.0), (float) Math.sin(i / 10.0)};
        }
        return new LabelledCollection(vectors, CLASSES);
    }

    @Test
    void counts_the_target_among_the_k_best_scoring_photos() {
        Precision p = Precision.of(X, fan(), 1, 4, Set.of());

        // best four: 0 (1), 1 (0), 2 (1), 3 (1)
        assertThat(p.all()).isEqualTo(0.75);
        assertThat(p.unlabelled()).isEqualTo(0.75);
    }

    @Test
    void unlabelled_skips_the_labelled_photos_and_all_keeps_them() {
        Precision p = Precision.of(X, fan(), 1, 4, Set.of(0, 2));

        // unlabelled best four: 1 (0), 3 (1), 4 (0), 5 (0)
        assertThat(p.all()).isEqualTo(0.75);
        assertThat(p.unlabelled()).isEqualTo(0.25);
    }

    @Test
    void divides_by_k_even_when_fewer_photos_are_ranked() {
        assertThat(Precision.of(X, fan(), 1, 16, Set.of()).all()).isEqualTo(4 / 16.0);
    }

    @Test
    void equal_scores_rank_the_lower_index_first() {
        float[][] same = {{1, 0}, {1, 0}, {1, 0}};
        LabelledCollection tied = new LabelledCollection(same, new int[] {0, 1, 1});

        assertThat(Precision.of(X, tied, 0, 1, Set.of()).all()).isEqualTo(1.0);
        assertThat(Precision.of(X, tied, 1, 1, Set.of()).all()).isZero();
    }

    @Test
    void a_collection_maps_ids_to_indexes_and_refuses_what_it_does_not_hold() {
        LabelledCollection photos = fan();

        assertThat(photos.index(LabelledCollection.id(7))).isEqualTo(7);
        assertThat(photos.count(1)).isEqualTo(4);
        assertThatThrownBy(() -> photos.index(LabelledCollection.id(8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> photos.index("photo-x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelledCollection(new float[][] {{1, 0}, {1}}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelledCollection(new float[][] {{1, 0}}, new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
