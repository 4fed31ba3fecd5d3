package dev.loupe.indexer.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000), 0.5);

    @Test
    void backoff_doubles_up_to_the_cap_without_jitter_at_the_top_of_its_range() {
        RandomGenerator noJitter = fixed(0.0);

        assertThat(policy.backoff(1, null, noJitter)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, null, noJitter)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3, null, noJitter)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(4, null, noJitter)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(5, null, noJitter)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(19, null, noJitter)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitter_takes_at_most_its_share_off_the_wait() {
        assertThat(policy.backoff(2, null, fixed(0.999_999))).isBetween(Duration.ofMillis(100), Duration.ofMillis(101));
        assertThat(policy.backoff(2, null, fixed(0.5))).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void a_retry_after_lengthens_the_wait_up_to_the_cap() {
        assertThat(policy.backoff(1, Duration.ofMillis(700), fixed(0))).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.backoff(1, Duration.ofSeconds(60), fixed(0))).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void refuses_settings_outside_their_ranges() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
