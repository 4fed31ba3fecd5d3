package dev.loupe.indexer.kafka;

import dev.loupe.indexer.config.KafkaConfig;
import java.time.Duration;

/** When a retryably failed event is tried again: exponential backoff, capped, up to a number of attempts. */
record RetrySchedule(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    RetrySchedule {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("loupe.kafka.retry.max-attempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || multiplier < 1) {
            throw new IllegalArgumentException(
                    "loupe.kafka.retry backoffs must not be negative and the multiplier at least 1");
        }
    }

    static RetrySchedule of(KafkaConfig.Retry retry) {
        return new RetrySchedule(retry.maxAttempts(), retry.initialBackoff(), retry.multiplier(), retry.maxBackoff());
    }

    /** Whether an event that has failed {@code attemptsMade} times gets another attempt. */
    boolean retries(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The delay after the {@code attemptsMade}-th failure (1 → the initial backoff). */
    Duration backoff(int attemptsMade) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
