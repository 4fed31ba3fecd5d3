package dev.loupe.indexer.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The REST client of embedder-service ({@code loupe.embedder.*}): where it is, which model, and how
 * hard to try. A request that fails with a 5xx, a 429, a timeout or a refused connection is retried
 * with exponential backoff and jitter; after {@code breaker.failure-threshold} such failed attempts
 * in a row the client fails fast for {@code breaker.open-duration}, then lets one trial request through.
 */
public interface EmbedderClientConfig {

    /** Base URL of embedder-service. Default: {@code http://localhost:8081}. */
    @WithDefault("http://localhost:8081")
    URI url();

    /**
     * Model id to embed with (one of {@code GET /v1/models}); unset: the service's default model that
     * embeds images. Records store it, so changing it re-embeds every photo on its next event.
     */
    Optional<String> model();

    /** Longest wait for a TCP connection to the service. Default: 2s. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Longest wait for one request's whole answer, from sending to the last byte (a batch of
     * {@code batch-size} photos included). Default: 30s.
     */
    @WithDefault("30s")
    Duration requestTimeout();

    /**
     * Most photos per request; keep it at most the service's {@code
     * loupe.embedder.limits.max-items-per-request} (64 by default); a smaller limit the service
     * reports is learnt and obeyed. Default: 32.
     */
    @WithDefault("32")
    int batchSize();

    /**
     * Most photo bytes per request (a photo larger than this goes alone); keep it below the service's
     * {@code quarkus.http.limits.max-body-size} (64M by default). Default: 32M.
     */
    @WithDefault("32M")
    MemorySize maxRequestBytes();

    /** Retries of failed requests. */
    Retry retry();

    /** The circuit breaker in front of the service. */
    Breaker breaker();

    /** Retries with exponential backoff and jitter (5xx, 429, timeouts, connection failures; never 4xx). */
    interface Retry {

        /** Attempts per request, the first included (1 disables retries). Default: 4. */
        @WithDefault("4")
        int maxAttempts();

        /** Wait before the first retry; it doubles with every further retry. Default: 200ms. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest wait between two attempts (a {@code Retry-After} above it is capped too). Default: 5s. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * Share of each wait that is random, 0 to 1: a wait is drawn between {@code (1 - jitter) x
         * backoff} and the backoff, so that many indexers do not retry in step. Default: 0.5.
         */
        @WithDefault("0.5")
        double jitter();
    }

    /** The circuit breaker. */
    interface Breaker {

        /**
         * Failed attempts in a row (each retry counts; a 4xx answer is no failure) that open the
         * breaker. Default: 5.
         */
        @WithDefault("5")
        int failureThreshold();

        /**
         * How long an open breaker fails every request at once (a retryable EMBEDDING failure) before
         * it lets one trial request through. Default: 30s.
         */
        @WithDefault("30s")
        Duration openDuration();
    }
}
