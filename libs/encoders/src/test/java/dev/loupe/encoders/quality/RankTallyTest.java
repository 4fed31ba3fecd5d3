package dev.loupe.encoders.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RankTallyTest {

    @Test
    void hit_rate_at_k_is_the_share_of_ranks_below_k() {
        RankTally tally = tally(0, 1, 4, 9, 12);

        assertThat(tally.count()).isEqualTo(5);
        assertThat(tally.hitRate(1)).isEqualTo(0.2);
        assertThat(tally.hitRate(5)).isEqualTo(0.6);
        assertThat(tally.hitRate(10)).isEqualTo(0.8);
        assertThat(tally.hitRate(13)).isEqualTo(1.0);
    }

    @Test
    void median_rank_counts_from_one() {
        assertThat(tally(0, 1, 4, 9, 12).medianRank()).isEqualTo(5.0);
        assertThat(tally(3, 0, 1, 2).medianRank()).isEqualTo(2.5);
        assertThat(tally(0).medianRank()).isEqualTo(1.0);
    }

    @Test
    void keeps_every_rank_beyond_its_initial_capacity() {
        RankTally tally = new RankTally();
        for (int i = 0; i < 1000; i++) {
            tally.add(i % 10);
        }

        assertThat(tally.count()).isEqualTo(1000);
        assertThat(tally.hitRate(1)).isEqualTo(0.1);
        assertThat(tally.hitRate(10)).isEqualTo(1.0);
    }

    @Test
    void without_queries_rates_are_undefined() {
        assertThat(new RankTally().hitRate(1)).isNaN();
        assertThat(new RankTally().medianRank()).isNaN();
    }

    @Test
    void refuses_negative_ranks_and_k_below_one() {
        assertThatThrownBy(() -> new RankTally().add(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tally(0).hitRate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RankTally tally(int... ranks) {
        RankTally tally = new RankTally();
        for (int rank : ranks) {
            tally.add(rank);
        }
        return tally;
    }
}
