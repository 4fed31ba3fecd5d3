package dev.loupe.indexer.embedder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Stops calling a failing service for a while. Closed: every call goes through, and {@code
 * threshold} failed calls in a row open it. Open: every call is refused until {@code openDuration}
 * has passed, then it is half-open. Half-open: one trial call goes through (the others are refused);
 * its success closes the breaker, its failure opens it again. Thread-safe.
 */
final class CircuitBreaker {

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration openDuration;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration openDuration, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("the failure threshold must be at least 1");
        }
        if (openDuration == null || openDuration.isNegative()) {
            throw new IllegalArgumentException("the open duration must not be negative");
        }
        this.threshold = threshold;
        this.openDuration = openDuration;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Asks to make a call. When allowed, the caller must report it with exactly one of {@link
     * #succeeded}, {@link #failed} or {@link #abandoned}.
     *
     * @return empty when the call may go ahead; otherwise how long the breaker stays open (zero while
     *     a half-open trial is in flight)
     */
    synchronized Optional<Duration> acquire() {
        switch (state) {
            case CLOSED -> {
                return Optional.empty();
            }
            case OPEN -> {
                Duration left = Duration.between(clock.instant(), openedAt.plus(openDuration));
                if (left.isPositive()) {
                    return Optional.of(left);
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return Optional.empty();
            }
            default -> {
                if (trialInFlight) {
                    return Optional.of(Duration.ZERO);
                }
                trialInFlight = true;
                return Optional.empty();
            }
        }
    }

    /** The call reached a healthy service (a 4xx answer counts: the service is up). */
    synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    /** The call failed in a way that says the service is unhealthy (5xx, 429, timeout, no connection). */
    synchronized void failed() {
        trialInFlight = false;
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    /** The call ended without a verdict (the caller was interrupted). */
    synchronized void abandoned() {
        trialInFlight = false;
    }

    synchronized State state() {
        return state;
    }
}
