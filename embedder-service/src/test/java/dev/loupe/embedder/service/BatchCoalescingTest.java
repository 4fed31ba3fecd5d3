package dev.loupe.embedder.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.loupe.embedder.EmbeddingsJson;
import dev.loupe.embedder.Readiness;
import dev.loupe.embedder.TestImages;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent single-item requests share inference calls. The profile makes batches wait (up to a
 * minute) until full, so that coalescing is deterministic: every batch must hold {@link #BATCH}
 * items, from {@link #BATCH} different requests. The queue holds one batch, so a partial batch
 * waiting for company makes room scarce on purpose.
 */
@QuarkusTest
@TestProfile(BatchCoalescingTest.FullBatchesOnly.class)
class BatchCoalescingTest {

    private static final int BATCH = 4;
    private static final long TIMEOUT = 60; // seconds

    /** Batches of exactly four: the wait for a full batch outlasts any test. */
    public static class FullBatchesOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "loupe.embedder.batching.max-batch-size", String.valueOf(BATCH),
                    "loupe.embedder.batching.max-wait", "10m",
                    "loupe.embedder.batching.queue-capacity", String.valueOf(BATCH),
                    "loupe.embedder.limits.max-items-per-request", String.valueOf(BATCH));
        }
    }

    @Inject
    MeterRegistry meters;

    private final ExecutorService clients = Executors.newFixedThreadPool(BATCH);

    @BeforeEach
    void modelLoaded() {
        Readiness.awaitDefaultModel();
    }

    @AfterEach
    void stopClients() {
        clients.close();
    }

    @Test
    void concurrent_single_image_requests_are_embedded_in_one_batch() throws Exception {
        DistributionSummary batches = batchSizes("image");
        long batchesBefore = batches.count();
        double itemsBefore = batches.totalAmount();

        List<Response> responses = concurrently(i -> {
            String file = TestImages.GOLDEN.get(i);
            return given().multiPart("file", file, TestImages.golden(file), "image/jpeg")
                    .post("/v1/embeddings/images");
        });

        for (Response response : responses) {
            EmbeddingsJson.vectors(response, "clip-tiny-random", 16, 1);
        }
        assertThat(batches.count() - batchesBefore).isEqualTo(1);
        assertThat(batches.totalAmount() - itemsBefore).isEqualTo(BATCH);
    }

    @Test
    void concurrent_single_text_requests_are_embedded_in_one_batch() throws Exception {
        DistributionSummary batches = batchSizes("text");
        long batchesBefore = batches.count();
        double itemsBefore = batches.totalAmount();

        List<Response> responses = concurrently(i -> given().contentType(ContentType.JSON)
                .body(Map.of("input", List.of("caption number " + i)))
                .post("/v1/embeddings/text"));

        for (Response response : responses) {
            EmbeddingsJson.vectors(response, "clip-tiny-random", 16, 1);
        }
        assertThat(batches.count() - batchesBefore).isEqualTo(1);
        assertThat(batches.totalAmount() - itemsBefore).isEqualTo(BATCH);
        assertThat(batches.max()).isEqualTo(BATCH);
    }

    @Test
    void a_full_queue_refuses_with_503_and_retry_after_then_serves_once_the_batch_fills() throws Exception {
        Future<Response> waiting = clients.submit(() -> text(List.of("one", "two", "three")));
        await("three texts queued")
                .atMost(Duration.ofSeconds(TIMEOUT))
                .until(() -> meters.get("loupe.embedder.queue.items")
                                .tags("model", "clip-tiny-random", "modality", "text")
                                .gauge()
                                .value()
                        == 3);

        text(List.of("four", "five"))
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("urn:loupe:problem:overloaded"))
                .body("title", startsWith("The embedder is busy"));

        EmbeddingsJson.vectors(text(List.of("four")), "clip-tiny-random", 16, 1);
        EmbeddingsJson.vectors(waiting.get(TIMEOUT, TimeUnit.SECONDS), "clip-tiny-random", 16, 3);
        assertThat(meters.get("loupe.embedder.rejected.items")
                        .tags("model", "clip-tiny-random", "modality", "text")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    private static Response text(List<String> texts) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("input", texts))
                .post("/v1/embeddings/text");
    }

    /** Sends {@link #BATCH} requests at once and returns their responses in order. */
    private List<Response> concurrently(java.util.function.IntFunction<Response> request) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            int index = i;
            futures.add(clients.submit(() -> {
                go.await();
                return request.apply(index);
            }));
        }
        go.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get(TIMEOUT, TimeUnit.SECONDS));
        }
        return responses;
    }

    private DistributionSummary batchSizes(String modality) {
        return meters.get("loupe.embedder.batch.size")
                .tags("model", "clip-tiny-random", "modality", modality)
                .summary();
    }
}
