package dev.loupe.embedder.client;

import java.net.URI;
import java.time.Duration;

/** Client settings for tests: quick retries without jitter, a breaker that only opens when asked to. */
final class TestClientConfig {

    private TestClientConfig() {}

    static EmbedderClient.Settings of(URI url) {
        return new EmbedderClient.Settings(
                url,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                8,
                new EmbedderClient.Settings.Retry(
                        3, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(20)),
                new EmbedderClient.Settings.Breaker(100, Duration.ofSeconds(30)));
    }

    static EmbedderClient.Settings withBatchSize(EmbedderClient.Settings s, int size) {
        return new EmbedderClient.Settings(
                s.url(), s.connectTimeout(), s.requestTimeout(), size, s.retry(), s.breaker());
    }

    static EmbedderClient.Settings withRequestTimeout(EmbedderClient.Settings s, Duration timeout) {
        return new EmbedderClient.Settings(s.url(), s.connectTimeout(), timeout, s.batchSize(), s.retry(), s.breaker());
    }

    static EmbedderClient.Settings withAttempts(EmbedderClient.Settings s, int attempts) {
        EmbedderClient.Settings.Retry r = s.retry();
        return new EmbedderClient.Settings(
                s.url(),
                s.connectTimeout(),
                s.requestTimeout(),
                s.batchSize(),
                new EmbedderClient.Settings.Retry(
                        attempts, r.initialBackoff(), r.maxBackoff(), r.jitter(), r.maxDuration()),
                s.breaker());
    }

    static EmbedderClient.Settings withBreaker(EmbedderClient.Settings s, int threshold, Duration open) {
        return new EmbedderClient.Settings(
                s.url(),
                s.connectTimeout(),
                s.requestTimeout(),
                s.batchSize(),
                s.retry(),
                new EmbedderClient.Settings.Breaker(threshold, open));
    }
}
