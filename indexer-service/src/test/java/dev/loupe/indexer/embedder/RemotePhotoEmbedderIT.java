package dev.loupe.indexer.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.embedder.client.RemoteModel;
import dev.loupe.embedder.client.RemotePhotoEmbedder;
import dev.loupe.indexer.EmbedderServiceProcess;
import dev.loupe.indexer.PhotoServer;
import dev.loupe.ingest.FailureReason;
import dev.loupe.ingest.FetchException;
import dev.loupe.ingest.PhotoSource;
import dev.loupe.ingest.PreparedPhoto;
import dev.loupe.testkit.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shared client's photo embedder against the packaged embedder-service with the bundled test model
 * and real photos (inside the indexer's Quarkus application, where the REST client lives).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class RemotePhotoEmbedderIT {

    @Test
    void embeds_real_photos_in_batches_and_a_corrupt_one_fails_alone() throws Exception {
        List<String> names = PhotoServer.demoPhotos().subList(0, 20);
        List<PreparedPhoto> photos = new ArrayList<>();
        for (String name : names) {
            photos.add(photo(name, Files.readAllBytes(Path.of("../demo/photos", name))));
        }
        byte[] first = Files.readAllBytes(Path.of("../demo/photos", names.getFirst()));
        photos.add(7, photo("cut.jpg", Arrays.copyOf(first, first.length / 3)));

        try (EmbedderServiceProcess service = EmbedderServiceProcess.start();
                EmbedderClient client = TestEmbedders.client(service.url(), 32, Duration.ofSeconds(30))) {
            // 32 photos per request are more than the service takes (16): the embedder learns its limit
            RemotePhotoEmbedder embedder = TestEmbedders.photos(client, 32);
            assertThat(embedder.model())
                    .isEqualTo(new RemoteModel(
                            EmbedderServiceProcess.MODEL,
                            EmbedderServiceProcess.DIMENSIONS,
                            Set.of("image", "text"),
                            true));
            Map<Integer, FetchException> refused = new HashMap<>();

            float[][] vectors = embedder.embedEach(photos, refused::put);

            assertThat(refused).containsOnlyKeys(7);
            assertThat(refused.get(7).reason()).isEqualTo(FailureReason.UNDECODABLE);
            assertThat(refused.get(7).retryable()).isFalse();
            for (int i = 0; i < photos.size(); i++) {
                if (i != 7) {
                    assertThat(vectors[i]).as("photo %d", i).hasSize(EmbedderServiceProcess.DIMENSIONS);
                    assertThat(norm(vectors[i])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
                }
            }
            float[] again = embedder.embed(List.of(photos.get(3)))[0];
            assertThat(again).containsExactly(vectors[3], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    private static PreparedPhoto photo(String name, byte[] bytes) throws IOException {
        // the service decodes the bytes itself: the decoded image is not sent
        return new PreparedPhoto(
                new PhotoSource(name, URI.create("http://photos.test/" + name), null),
                bytes,
                new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB),
                "hash",
                1,
                1,
                new byte[0]);
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
