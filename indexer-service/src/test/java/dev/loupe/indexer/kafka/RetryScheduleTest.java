package dev.loupe.indexer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(4, Duration.ofSeconds(10), 3, Duration.ofMinutes(1));

    @Test
    void backoff_grows_by_the_multiplier_up_to_the_cap() {
        assertThat(schedule.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.backoff(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.backoff(3)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.backoff(60)).as("no overflow").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void max_attempts_counts_the_first_delivery() {
        assertThat(schedule.retries(3)).isTrue();
        assertThat(schedule.retries(4)).isFalse();
        assertThat(new RetrySchedule(1, Duration.ZERO, 1, Duration.ZERO).retries(1))
                .isFalse();
    }

    @Test
    void rejects_settings_that_cannot_work() {
        assertThatThrownBy(() -> new RetrySchedule(0, Duration.ZERO, 2, Duration.ZERO))
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new RetrySchedule(3, Duration.ofSeconds(1), 0.5, Duration.ZERO))
                .hasMessageContaining("multiplier");
    }
}
