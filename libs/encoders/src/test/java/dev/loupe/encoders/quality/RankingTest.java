package dev.loupe.encoders.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void rank_counts_the_candidates_scoring_higher() {
        float[] scores = {0.1f, 0.9f, 0.5f, -0.3f};

        assertThat(Ranking.rank(scores, 1)).isZero();
        assertThat(Ranking.rank(scores, 2)).isEqualTo(1);
        assertThat(Ranking.rank(scores, 0)).isEqualTo(2);
        assertThat(Ranking.rank(scores, 3)).isEqualTo(3);
    }

    @Test
    void ties_count_against_the_target() {
        float[] scores = {0.5f, 0.7f, 0.5f, 0.5f};

        assertThat(Ranking.rank(scores, 0)).isEqualTo(3);
        assertThat(Ranking.rank(scores, 2)).isEqualTo(3);
    }

    @Test
    void a_model_scoring_everything_alike_never_hits() {
        float[] scores = {0.2f, 0.2f, 0.2f};
        RankTally tally = new RankTally();
        for (int target = 0; target < scores.length; target++) {
            tally.add(Ranking.rank(scores, target));
        }

        assertThat(tally.hitRate(1)).isZero();
        assertThat(tally.hitRate(2)).isZero();
        assertThat(tally.hitRate(3)).isEqualTo(1.0);
    }

    @Test
    void nan_scores_count_against_the_target() {
        assertThat(Ranking.rank(new float[] {0.5f, Float.NaN}, 0)).isEqualTo(1);
        assertThat(Ranking.rank(new float[] {Float.NaN, 0.5f}, 0)).isEqualTo(1);
    }

    @Test
    void scores_are_dot_products_with_each_candidate() {
        float[] query = {1, 2, 3};
        float[][] candidates = {{1, 0, 0}, {0, 1, 0}, {1, 1, 1}};

        assertThat(Ranking.scores(query, candidates)).containsExactly(1f, 2f, 6f);
    }

    @Test
    void ensemble_is_the_renormalised_mean_of_normalised_embeddings() {
        // lengths 2 and 3 must not matter: each template counts once
        float[] ensemble = Ranking.ensemble(new float[][] {{2, 0}, {0, 3}});

        assertThat(ensemble[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(ensemble[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
    }

    @Test
    void ensemble_of_three_is_pulled_towards_the_majority() {
        float[] ensemble = Ranking.ensemble(new float[][] {{1, 0}, {1, 0}, {0, 1}});

        // mean (2/3, 1/3), normalised: (2, 1) / sqrt(5)
        assertThat(ensemble[0]).isCloseTo((float) (2 / Math.sqrt(5)), within(1e-6f));
        assertThat(ensemble[1]).isCloseTo((float) (1 / Math.sqrt(5)), within(1e-6f));
    }

    @Test
    void ensemble_of_opposite_embeddings_is_zero_and_zero_embeddings_are_ignored() {
        assertThat(Ranking.ensemble(new float[][] {{1, 0}, {-1, 0}})).containsExactly(0f, 0f);
        assertThat(Ranking.ensemble(new float[][] {{0, 0}, {0, 5}})).containsExactly(0f, 1f);
    }

    @Test
    void ensemble_refuses_no_embeddings_and_mixed_lengths() {
        assertThatThrownBy(() -> Ranking.ensemble(new float[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ranking.ensemble(new float[][] {{1, 0}, {1, 0, 0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different lengths");
    }

    @Test
    void chance_is_k_over_the_candidates_and_at_most_one() {
        assertThat(Ranking.chance(1, 102)).isEqualTo(1 / 102.0);
        assertThat(Ranking.chance(5, 102)).isEqualTo(5 / 102.0);
        assertThat(Ranking.chance(10, 1000)).isEqualTo(0.01);
        assertThat(Ranking.chance(5, 3)).isEqualTo(1.0);
        assertThatThrownBy(() -> Ranking.chance(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
