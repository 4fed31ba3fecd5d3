package dev.loupe.embedder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.FetchException;
import dev.loupe.ingest.PhotoSource;
import dev.loupe.ingest.PreparedPhoto;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batching, refusals and model choice of the indexer's photo embedder, against the scripted stand-in. */
@QuarkusTest
class RemotePhotoEmbedderTest {

    private ScriptedEmbedder server;
    private final List<EmbedderClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedEmbedder.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(EmbedderClient::close);
        server.close();
    }

    @Test
    void batches_photos_and_puts_every_vector_in_place() throws FetchException {
        RemotePhotoEmbedder embedder =
                embedder(TestClientConfig.withBatchSize(TestClientConfig.of(server.url()), 2), Optional.empty());

        float[][] vectors = embedder.embed(photos("photo-1", "photo-2", "photo-3", "photo-4", "photo-5"));

        assertThat(server.requestSizes()).containsExactly(2, 2, 1);
        assertThat(List.of(vectors)).extracting(v -> v[0]).containsExactly(1f, 2f, 3f, 4f, 5f);
        assertThat(embedder.modelId()).isEqualTo(ScriptedEmbedder.MODEL);
        assertThat(embedder.model().dimensions()).isEqualTo(ScriptedEmbedder.DIMENSIONS);
    }

    @Test
    void a_photo_refused_with_422_fails_alone_and_the_others_are_embedded_together() {
        RemotePhotoEmbedder embedder = embedder(TestClientConfig.of(server.url()), Optional.empty());
        Map<Integer, FetchException> refused = new HashMap<>();

        float[][] vectors = embedder.embedEach(photos("photo-1", "bad", "photo-3", "photo-4"), refused::put);

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

    @Test
    void a_400_naming_no_photo_splits_the_batch_until_the_photo_at_fault_is_alone() {
        server.then(
                ScriptedEmbedder.Reply.failing(400), // [1 2 3 4]
                ScriptedEmbedder.Reply.failing(400), // [1 2]
                ScriptedEmbedder.Reply.failing(400)); // [1]; then [2] and [3 4] succeed
        RemotePhotoEmbedder embedder = embedder(TestClientConfig.of(server.url()), Optional.empty());
        Map<Integer, FetchException> refused = new HashMap<>();

        float[][] vectors = embedder.embedEach(photos("photo-1", "photo-2", "photo-3", "photo-4"), refused::put);

        assertThat(server.requestSizes()).containsExactly(4, 2, 1, 1, 2);
        assertThat(refused).containsOnlyKeys(0);
        assertThat(refused.get(0).retryable()).isFalse();
        assertThat(vectors[1][0]).isEqualTo(2f);
        assertThat(vectors[3][0]).isEqualTo(4f);
    }

    @Test
    void learns_a_smaller_item_limit_of_the_service() throws FetchException {
        server.limitItems(2);
        RemotePhotoEmbedder embedder =
                embedder(TestClientConfig.withBatchSize(TestClientConfig.of(server.url()), 4), Optional.empty());

        embedder.embed(photos("photo-1", "photo-2", "photo-3", "photo-4"));
        embedder.embed(photos("photo-5", "photo-6", "photo-7", "photo-8"));

        assertThat(server.requestSizes()).containsExactly(4, 2, 2, 2, 2);
    }

    @Test
    void an_unavailable_service_fails_the_photos_retryably() {
        server.then(
                ScriptedEmbedder.Reply.failing(503),
                ScriptedEmbedder.Reply.failing(503),
                ScriptedEmbedder.Reply.failing(503));
        RemotePhotoEmbedder embedder = embedder(TestClientConfig.of(server.url()), Optional.empty());

        assertThatThrownBy(() -> embedder.embed(photos("photo-1"))).isInstanceOfSatisfying(FetchException.class, e -> {
            assertThat(e.reason()).isEqualTo(FailureReason.EMBEDDING);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("answered 503");
        });
    }

    @Test
    void a_pinned_model_the_service_has_not_loaded_is_a_retryable_failure() {
        RemotePhotoEmbedder embedder = embedder(TestClientConfig.of(server.url()), Optional.of("clip-vit-large"));

        assertThat(embedder.modelId()).isEqualTo("clip-vit-large");
        assertThatThrownBy(embedder::model).isInstanceOfSatisfying(FetchException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("has not loaded model clip-vit-large", ScriptedEmbedder.MODEL);
        });
    }

    @Test
    void a_model_that_embeds_no_images_is_a_permanent_failure() {
        RemotePhotoEmbedder embedder = embedder(TestClientConfig.of(server.url()), Optional.of("text-only"));

        assertThatThrownBy(embedder::model).isInstanceOfSatisfying(FetchException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("does not embed images");
        });
    }

    private RemotePhotoEmbedder embedder(EmbedderClient.Settings settings, Optional<String> model) {
        EmbedderClient client = new EmbedderClient(settings);
        clients.add(client);
        return new RemotePhotoEmbedder(client, model, settings.batchSize(), 1 << 20);
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
