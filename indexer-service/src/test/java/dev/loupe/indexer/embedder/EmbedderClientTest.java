package dev.loupe.indexer.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.FetchException;
import dev.loupe.ingest.PhotoSource;
import dev.loupe.ingest.PreparedPhoto;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted stand-in of embedder-service on a loopback port. */
class EmbedderClientTest {

    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), 0.5);

    private final MutableClock clock = new MutableClock();
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private ScriptedEmbedder server;

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedEmbedder.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void batches_photos_and_puts_every_vector_in_place() throws FetchException {
        try (EmbedderClient client = client(settings(server.url(), 2, RETRY, 5))) {
            float[][] vectors = client.embed(photos("photo-1", "photo-2", "photo-3", "photo-4", "photo-5"));

            assertThat(server.requestSizes()).containsExactly(2, 2, 1);
            assertThat(List.of(vectors)).extracting(v -> v[0]).containsExactly(1f, 2f, 3f, 4f, 5f);
            assertThat(client.modelId()).isEqualTo(ScriptedEmbedder.MODEL);
            assertThat(client.model()).isEqualTo(new EmbedderClient.Model(ScriptedEmbedder.MODEL, 4));
        }
    }

    @Test
    void retries_a_503_with_growing_jittered_waits_then_embeds() throws FetchException {
        server.then(ScriptedEmbedder.Reply.failing(503), ScriptedEmbedder.Reply.failing(503));
        try (EmbedderClient client = client(settings(server.url(), 8, RETRY, 5))) {
            float[][] vectors = client.embed(photos("photo-7"));

            assertThat(vectors[0][0]).isEqualTo(7f);
            assertThat(server.requestSizes()).containsExactly(1, 1, 1);
            assertThat(waits).hasSize(2);
            assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        }
    }

    @Test
    void gives_up_after_the_last_attempt_with_a_retryable_embedding_failure() {
        server.then(
                ScriptedEmbedder.Reply.failing(500),
                ScriptedEmbedder.Reply.failing(502),
                ScriptedEmbedder.Reply.failing(503));
        try (EmbedderClient client = client(settings(server.url(), 8, RETRY, 5))) {
            assertThatThrownBy(() -> client.embed(photos("photo-1")))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(FailureReason.EMBEDDING);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("failed 3 times", "HTTP 503");
                    });
            assertThat(server.requestSizes()).hasSize(3);
        }
    }

    @Test
    void a_429_waits_at_least_its_retry_after() throws FetchException {
        server.then(ScriptedEmbedder.Reply.busy(429, "1"));
        try (EmbedderClient client = client(settings(server.url(), 8, RETRY, 5))) {
            client.embed(photos("photo-1"));

            assertThat(waits).containsExactly(Duration.ofSeconds(1));
        }
    }

    @Test
    void does_not_retry_a_400_and_fails_the_photo_for_good() {
        server.then(ScriptedEmbedder.Reply.failing(400));
        try (EmbedderClient client = client(settings(server.url(), 8, RETRY, 5))) {
            assertThatThrownBy(() -> client.embed(photos("photo-1")))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("400", "scripted 400");
                    });
            assertThat(server.requestSizes()).containsExactly(1);
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void a_photo_refused_with_422_fails_alone_and_the_others_are_embedded_together() {
        try (EmbedderClient client = client(settings(server.url(), 8, RETRY, 5))) {
            Map<Integer, FetchException> refused = new HashMap<>();

            float[][] vectors = client.embedEach(photos("photo-1", "bad", "photo-3", "photo-4"), refused::put);

            assertThat(server.requestSizes()).containsExactly(4, 3);
            assertThat(vectors[0][0]).isEqualTo(1f);
            assertThat(vectors[1]).isNull();
            assertThat(vectors[2][0]).isEqualTo(3f);
            assertThat(vectors[3][0]).isEqualTo(4f);
            assertThat(refused).containsOnlyKeys(1);
            assertThat(refused.get(1).reason()).isEqualTo(FailureReason.UNDECODABLE);
            assertThat(refused.get(1).retryable()).isFalse();
            assertThat(refused.get(1).getMessage()).contains("could not be decoded: truncated");
        }
    }

    @Test
    void a_400_naming_no_photo_splits_the_batch_until_the_photo_at_fault_is_alone() {
        server.then(
                ScriptedEmbedder.Reply.failing(400), // [1 2 3 4]
                ScriptedEmbedder.Reply.failing(400), // [1 2]
                ScriptedEmbedder.Reply.failing(400)); // [1]; then [2] and [3 4] succeed
        try (EmbedderClient client = client(settings(server.url(), 8, RETRY, 5))) {
            Map<Integer, FetchException> refused = new HashMap<>();

            float[][] vectors = client.embedEach(photos("photo-1", "photo-2", "photo-3", "photo-4"), refused::put);

            assertThat(server.requestSizes()).containsExactly(4, 2, 1, 1, 2);
            assertThat(refused).containsOnlyKeys(0);
            assertThat(vectors[1][0]).isEqualTo(2f);
            assertThat(vectors[3][0]).isEqualTo(4f);
        }
    }

    @Test
    void learns_a_smaller_item_limit_of_the_service() throws FetchException {
        server.limitItems(2);
        try (EmbedderClient client = client(settings(server.url(), 4, RETRY, 5))) {
            client.embed(photos("photo-1", "photo-2", "photo-3", "photo-4"));
            client.embed(photos("photo-5", "photo-6", "photo-7", "photo-8"));

            assertThat(server.requestSizes()).containsExactly(4, 2, 2, 2, 2);
        }
    }

    @Test
    void a_request_without_an_answer_in_time_is_retried() throws FetchException {
        server.then(ScriptedEmbedder.Reply.hanging());
        EmbedderClient.Settings quick = new EmbedderClient.Settings(
                server.url(),
                Optional.empty(),
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                8,
                1 << 20,
                RETRY,
                5,
                Duration.ofSeconds(30));
        try (EmbedderClient client = client(quick)) {
            client.model(); // listed before the clock starts: only the embedding request hangs

            float[][] vectors = client.embed(photos("photo-2"));

            assertThat(vectors[0][0]).isEqualTo(2f);
            assertThat(server.requestSizes()).containsExactly(1, 1);
            assertThat(waits).hasSize(1);
        }
    }

    @Test
    void a_refused_connection_is_retried_then_fails_retryably() throws IOException {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (EmbedderClient client = client(settings(nobody, 8, RETRY, 5))) {
            assertThatThrownBy(client::model).isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.reason()).isEqualTo(FailureReason.EMBEDDING);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("failed 3 times", "cannot reach");
            });
            assertThat(waits).hasSize(2);
        }
    }

    @Test
    void the_breaker_opens_fails_fast_and_half_opens_after_its_delay() throws FetchException {
        RetryPolicy once = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
        try (EmbedderClient client = client(settings(server.url(), 8, once, 2))) {
            client.model();
            server.then(ScriptedEmbedder.Reply.failing(503), ScriptedEmbedder.Reply.failing(503));
            assertThatThrownBy(() -> client.embed(photos("photo-1"))).isInstanceOf(FetchException.class);
            assertThatThrownBy(() -> client.embed(photos("photo-1"))).isInstanceOf(FetchException.class);

            assertThatThrownBy(() -> client.embed(photos("photo-1")))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("circuit breaker open");
                    });
            assertThat(server.requestSizes()).as("no request while open").hasSize(2);

            clock.advance(Duration.ofSeconds(30));
            assertThat(client.embed(photos("photo-9"))[0][0]).isEqualTo(9f);
            assertThat(server.requestSizes()).hasSize(3);
        }
    }

    @Test
    void a_pinned_model_the_service_has_not_loaded_is_a_retryable_failure() {
        EmbedderClient.Settings pinned = new EmbedderClient.Settings(
                server.url(),
                Optional.of("clip-vit-large"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                8,
                1 << 20,
                RETRY,
                5,
                Duration.ofSeconds(30));
        try (EmbedderClient client = client(pinned)) {
            assertThat(client.modelId()).isEqualTo("clip-vit-large");
            assertThatThrownBy(client::model).isInstanceOfSatisfying(FetchException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("has not loaded model clip-vit-large", ScriptedEmbedder.MODEL);
            });
        }
    }

    private EmbedderClient client(EmbedderClient.Settings settings) {
        return new EmbedderClient(settings, clock, waits::add, RandomGenerator.getDefault());
    }

    private static EmbedderClient.Settings settings(URI url, int batchSize, RetryPolicy retry, int threshold) {
        return new EmbedderClient.Settings(
                url,
                Optional.empty(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                batchSize,
                1 << 20,
                retry,
                threshold,
                Duration.ofSeconds(30));
    }

    /** Prepared photos whose bytes are the given markers (the stand-in reads them, never decodes). */
    static List<PreparedPhoto> photos(String... markers) {
        List<PreparedPhoto> photos = new ArrayList<>();
        for (String marker : markers) {
            photos.add(new PreparedPhoto(
                    new PhotoSource(marker, URI.create("http://photos.test/" + marker), null),
                    marker.getBytes(StandardCharsets.UTF_8),
                    new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB),
                    "hash-" + marker,
                    1,
                    1,
                    new byte[0]));
        }
        return photos;
    }
}
