package dev.loupe.search.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.encoders.bench.BenchFixtures;
import dev.loupe.testkit.BenchReport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End-to-end text search latency over HTTP: encode the query with full-size ViT-B/32, k-NN over
 * {@value SearchBenchData#PHOTOS} records in the Lucene store, load the hits' records, answer JSON.
 * The client is the JDK's HttpClient on one keep-alive connection (REST Assured adds tens of
 * milliseconds of its own per request, which is not the service's latency).
 *
 * <p>Run: {@code ./loupe bench -pl search-service -am -DskipITs -Dtest=TextSearchLatencyBench}
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(SearchBenchData.class)
class TextSearchLatencyBench {

    private static final int WARM_UP = 20;
    private static final int QUERIES = 300;
    private static final int LIMIT = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/search")
    URI searchUri;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void text_search_latency_at_100k_photos() throws Exception {
        BenchFixtures.assumeShared();
        for (int i = 0; i < WARM_UP; i++) {
            search(Map.of("text", query(i), "limit", LIMIT));
        }
        // interleaved, so both see the same machine: text queries, and photo queries that skip the encoder
        long[] text = new long[QUERIES];
        long[] photo = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long started = System.nanoTime();
            assertThat(search(Map.of("text", query(i + WARM_UP), "limit", LIMIT)))
                    .isEqualTo(LIMIT);
            text[i] = System.nanoTime() - started;
            started = System.nanoTime();
            assertThat(search(Map.of("photoId", "photo-" + (i * 331), "limit", LIMIT)))
                    .isEqualTo(LIMIT);
            photo[i] = System.nanoTime() - started;
        }
        new BenchReport("search-text")
                .line(String.format(
                        "POST /v1/search over %d x 512 records in Lucene HNSW, limit %d, %d sequential queries each:"
                                + " {text} (ViT-B/32 fp32 text tower + k-NN + records) p50 %.2f ms, p99 %.2f ms;"
                                + " {photoId} (stored vector + k-NN + records) p50 %.2f ms, p99 %.2f ms",
                        SearchBenchData.PHOTOS,
                        LIMIT,
                        QUERIES,
                        BenchReport.percentileMillis(text, 0.50),
                        BenchReport.percentileMillis(text, 0.99),
                        BenchReport.percentileMillis(photo, 0.50),
                        BenchReport.percentileMillis(photo, 0.99)));
    }

    /** Distinct short queries, so no layer can answer from a cache. */
    private static String query(int i) {
        return BenchFixtures.queryText(i);
    }

    private int search(Map<String, Object> request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(searchUri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("hits").size();
    }
}
