package dev.loupe.indexer.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opens_after_the_threshold_of_failures_in_a_row() {
        fail(2);
        breaker.succeeded(); // a success resets the count
        fail(2);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        fail(1);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.acquire()).contains(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.acquire()).contains(Duration.ofSeconds(20));
    }

    @Test
    void half_opens_after_the_open_duration_for_one_trial_whose_success_closes_it() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.acquire()).as("the trial").isEmpty();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.acquire()).as("a second call during the trial").contains(Duration.ZERO);

        breaker.succeeded();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.acquire()).isEmpty();
    }

    @Test
    void a_failed_trial_opens_it_again_for_the_whole_duration() {
        fail(3);
        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.acquire()).isEmpty();

        breaker.failed();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.acquire()).contains(Duration.ofSeconds(30));
    }

    @Test
    void an_abandoned_trial_lets_the_next_call_try() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.acquire()).isEmpty();

        breaker.abandoned();

        assertThat(breaker.acquire()).isEmpty();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.acquire()).isEmpty();
            breaker.failed();
        }
    }
}
