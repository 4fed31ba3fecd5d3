package dev.loupe.indexer.embedder;

import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.embedder.client.RemotePhotoEmbedder;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The shared embedder client as the tests build it (they run inside a Quarkus application, where the
 * REST client lives): a few quick retries and a breaker that does not open on a test's failures.
 */
public final class TestEmbedders {

    private TestEmbedders() {}

    public static EmbedderClient client(URI url, int batchSize, Duration requestTimeout) {
        return new EmbedderClient(new EmbedderClient.Settings(
                url,
                Duration.ofSeconds(2),
                requestTimeout,
                batchSize,
                new EmbedderClient.Settings.Retry(
                        3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMinutes(5)),
                new EmbedderClient.Settings.Breaker(5, Duration.ofSeconds(10))));
    }

    /** Photos through {@code client}, the service's default image model, at most 32 MiB per request. */
    public static RemotePhotoEmbedder photos(EmbedderClient client, int batchSize) {
        return new RemotePhotoEmbedder(client, Optional.empty(), batchSize, 32L << 20);
    }
}
