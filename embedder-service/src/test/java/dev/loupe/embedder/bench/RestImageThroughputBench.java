package dev.loupe.embedder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.embedder.Readiness;
import dev.loupe.encoders.bench.BareVisionSession;
import dev.loupe.encoders.bench.BenchFixtures;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.encoders.image.ImagePreprocessor;
import dev.loupe.encoders.image.PreprocessorConfig;
import dev.loupe.testkit.BenchReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * REST end-to-end image throughput (multipart upload, decode, preprocess, micro-batched inference,
 * JSON answer) against a bare ONNX Runtime session fed ready-made pixels, on full-size ViT-B/32 and
 * the same batch size.
 *
 * <p>Run: {@code ./loupe bench -pl embedder-service -am -Dtest=RestImageThroughputBench}
 */
@Tag("bench")
@QuarkusTest
@TestProfile(RestImageThroughputBench.VitB32.class)
class RestImageThroughputBench {

    private static final int BATCH = 16;
    private static final int PHOTOS = 128;
    private static final int ROUNDS = 3;
    private static final String MODEL = "vit-b-32";
    private static final long TIMEOUT = 10; // minutes for one pass

    /** The service with only the full-size ViT-B/32 bundle, batching at {@link #BATCH}. */
    public static class VitB32 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (BenchFixtures.SHARED == null) {
                return Map.of(); // the test skips itself; the service starts on the test model
            }
            return Map.of(
                    "loupe.embedder.models-dir",
                    modelsDir().toString(),
                    "loupe.embedder.default-model",
                    MODEL,
                    "loupe.embedder.batching.max-batch-size",
                    String.valueOf(BATCH),
                    // CPU throughput setting: two single-threaded batches at once, so a core busy
                    // decoding slows one batch instead of stalling a two-thread operator
                    "loupe.embedder.runtime.intra-op-threads",
                    "1",
                    "loupe.embedder.batching.workers",
                    "2",
                    "loupe.embedder.batching.queue-capacity",
                    "512",
                    "loupe.embedder.limits.max-items-per-request",
                    String.valueOf(BATCH));
        }

        /** A directory holding only the ViT-B/32 bundle (others under bench-models would load too). */
        private static Path modelsDir() {
            Path bundle = BenchFixtures.vitB32Bundle(false);
            Path dir = bundle.getParent().resolveSibling("rest-bench-models");
            try {
                Files.createDirectories(dir);
                Path link = dir.resolve(MODEL);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, bundle);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare " + dir, e);
            }
            return dir.toAbsolutePath();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rest_image_throughput_against_a_bare_session() throws Exception {
        BenchFixtures.assumeShared();
        Readiness.awaitDefaultModel();
        Path bundle = BenchFixtures.vitB32Bundle(false);
        List<Path> files = BenchFixtures.caltechPhotos(PHOTOS);
        List<byte[]> photos = BenchFixtures.read(files);
        BenchReport report = new BenchReport("rest-images");

        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        ImagePreprocessor preprocessor =
                new ImagePreprocessor(PreprocessorConfig.read(bundle.resolve("preprocessor_config.json")));
        List<float[]> pixels = new ArrayList<>();
        for (byte[] photo : photos) {
            pixels.add(preprocessor.preprocess(decoder.decode(photo)));
        }
        // The machines are shared: interleave the variants and keep each one's best round.
        double bare = 0;
        double batched = 0;
        double single = 0;
        post(photos.subList(0, BATCH)); // warm-up
        for (int round = 0; round < ROUNDS; round++) {
            Path vision = bundle.resolve("onnx/vision_model.onnx");
            // the better of the two ways to use the cores is the ceiling
            bare = Math.max(bare, BareVisionSession.throughput(vision, pixels, BATCH));
            bare = Math.max(bare, BareVisionSession.throughput(vision, pixels, BATCH, 2));
            batched = Math.max(batched, throughput(photos, BATCH, 2));
            single = Math.max(single, throughput(photos, 1, 2 * BATCH));
        }

        report.line(String.format(
                "ViT-B/32 fp32, batch %d, %d Caltech photos, best of %d: bare session (best of one 2-thread runner and two 1-thread runners) %.2f img/s; REST %d-image"
                        + " requests x2 concurrent %.2f img/s (ratio %.3f); REST 1-image requests x%d concurrent"
                        + " %.2f img/s (ratio %.3f)",
                BATCH, PHOTOS, ROUNDS, bare, BATCH, batched, batched / bare, 2 * BATCH, single, single / bare));
        assertThat(batched).isPositive();
    }

    /** Images per second when {@code clients} clients post all photos in requests of {@code perRequest}. */
    private double throughput(List<byte[]> photos, int perRequest, int clients) throws Exception {
        List<List<byte[]>> requests = new ArrayList<>();
        for (int from = 0; from < photos.size(); from += perRequest) {
            requests.add(photos.subList(from, Math.min(photos.size(), from + perRequest)));
        }
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (List<byte[]> request : requests) {
                answers.add(pool.submit(() -> post(request)));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(TIMEOUT, TimeUnit.MINUTES)).isEqualTo(200);
            }
        }
        return photos.size() / ((System.nanoTime() - start) / 1e9);
    }

    private int post(List<byte[]> images) throws IOException, InterruptedException {
        String boundary = "loupe-bench-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < images.size(); i++) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + i
                            + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(images.get(i));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/embeddings/images"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode();
    }
}
