package dev.loupe.embedder.client;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where embedder-service is and how hard to try ({@code loupe.embedder.*} in every service that calls
 * it: a group of indexer-service's and search-service's {@code @ConfigMapping}). A call that gets no
 * answer in time, a refused connection, a 5xx or a 429 is retried with exponential backoff and jitter;
 * after {@code breaker.failure-threshold} such failed attempts in a row the client fails at once for
 * {@code breaker.open-duration}, then lets one trial call through.
 */
public interface EmbedderClientConfig {

    /** Base URL of embedder-service. Default: {@code http://localhost:8081}. */
    @WithDefault("http://localhost:8081")
    URI url();

    /**
     * Model id to embed with (one of {@code GET /v1/models}); unset: the service's default model (for
     * photos: its default model that embeds images). Records store it, so changing it re-embeds every
     * photo on its next event.
     */
    Optional<String> model();

    /** Longest wait for a TCP connection to the service. Default: 2s. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Longest wait for one attempt's whole answer, from sending to the last byte (a batch of {@code
     * batch-size} photos included). Default: 30s.
     */
    @WithDefault("30s")
    Duration requestTimeout();

    /**
     * Most texts or photos per request; keep it at most the service's {@code
     * loupe.embedder.limits.max-items-per-request} (64 by default); a smaller limit the service reports
     * is learnt and obeyed. Default: 32.
     */
    @WithDefault("32")
    int batchSize();

    /**
     * Most photo bytes per request (a photo larger than this goes alone); keep it below the service's
     * {@code quarkus.http.limits.max-body-size} (64M by default). Default: 32M.
     */
    @WithDefault("32M")
    MemorySize maxRequestBytes();

    /** Retries of failed calls. */
    Retry retry();

    /** The circuit breaker in front of the service. */
    Breaker breaker();

    /** Retries with exponential backoff and jitter (no answer, refused connections, 5xx, 429; never another 4xx). */
    interface Retry {

        /** Attempts per call, the first included (1 disables retries). Default: 4. */
        @WithDefault("4")
        int maxAttempts();

        /** Wait before the first retry; it doubles with every further retry. Default: 200ms. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest wait between two attempts. Default: 5s. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * Random time added to or taken from each wait, at most, so that many clients do not retry in
         * step. Default: 100ms.
         */
        @WithDefault("100ms")
        Duration jitter();

        /** Longest time one call may take over all its attempts; no retry starts after it. Default: 2m. */
        @WithDefault("2m")
        Duration maxDuration();
    }

    /** The circuit breaker. */
    interface Breaker {

        /** Failed attempts in a row (each retry counts; a 4xx answer is no failure) that open the breaker. Default: 5. */
        @WithDefault("5")
        int failureThreshold();

        /**
         * How long an open breaker fails every call at once (an {@link EmbedderUnavailableException})
         * before it lets one trial call through. Default: 30s.
         */
        @WithDefault("30s")
        Duration openDuration();
    }
}
