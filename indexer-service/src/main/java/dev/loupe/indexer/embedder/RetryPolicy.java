package dev.loupe.indexer.embedder;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a failed request is tried again: exponential backoff with jitter.
 *
 * @param maxAttempts attempts per request, the first included (1 to {@value #MAX_ATTEMPTS}; 1 never
 *     retries)
 * @param initialBackoff the wait before the first retry; it doubles with every further retry
 * @param maxBackoff the longest wait, a server's {@code Retry-After} included
 * @param jitter the random share of each wait, 0 to 1: a wait is drawn from {@code [(1 - jitter) x
 *     backoff, backoff]} so that clients failing together do not retry together
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

    /** Beyond this a request is not being retried but hammered. */
    public static final int MAX_ATTEMPTS = 20;

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and " + MAX_ATTEMPTS);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initialBackoff <= maxBackoff");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
    }

    /**
     * The wait after the given failed attempt.
     *
     * @param attempt the attempts made so far, at least 1
     * @param retryAfter what the server asked for ({@code Retry-After}), or null: the wait is at least
     *     that, capped by {@link #maxBackoff()}
     */
    Duration backoff(int attempt, Duration retryAfter, RandomGenerator random) {
        long cap = maxBackoff.toNanos();
        long base = initialBackoff.toNanos();
        for (int i = 1; i < attempt && base < cap; i++) {
            base *= 2;
        }
        base = Math.min(base, cap);
        long wait = (long) (base * (1 - jitter * random.nextDouble()));
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toNanos(), cap));
        }
        return Duration.ofNanos(wait);
    }
}
