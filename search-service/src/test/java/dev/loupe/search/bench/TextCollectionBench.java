package dev.loupe.search.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.encoders.bench.BenchFixtures;
import dev.loupe.ingest.ModelTextEmbedder;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.testkit.BenchReport;
import dev.loupe.vectorstore.Filter;
import dev.loupe.vectorstore.lexical.TextAnalysis;
import dev.loupe.vectorstore.texts.TextSearch;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Text collections over HTTP at {@value TextBenchData#RECORDS} records (Lucene, standalone), with
 * all-MiniLM-L6-v2 embedding the queries: hybrid, dense and lexical query latency (p50 / p99),
 * interleaved with the bare encoder on the same queries in the same process (the target: hybrid p50 ≤
 * encoder + 5 ms), and the hybrid search in process (no HTTP, no JSON); and a JSONL import of {@value TextBenchData#IMPORT_RECORDS} captions against the
 * bare encoder embedding the same texts in the import's batch size, {@code loupe.imports.text-batch-size}
 * (the target: ≥ 0.85×).
 *
 * <p>Run: {@code ./loupe bench -pl search-service -am -DskipITs -Dtest=TextCollectionBench}
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(TextBenchData.class)
class TextCollectionBench {

    private static final int WARM_UP = 30;
    private static final int QUERIES = 300;
    private static final int LIMIT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    ModelTextEmbedder models;

    @Inject
    TextSearch textSearch;

    @Inject
    SearchConfig config;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void text_collection_query_latency_and_import_throughput() throws Exception {
        BenchFixtures.assumeShared();
        List<String> captions = TextBenchData.captions();
        for (int i = 0; i < WARM_UP; i++) {
            search(query(captions, i), "hybrid");
            models.embedQueries(TextBenchData.MODEL, List.of(query(captions, i)));
        }
        long[] encoder = new long[QUERIES];
        long[] hybrid = new long[QUERIES];
        long[] dense = new long[QUERIES];
        long[] lexical = new long[QUERIES];
        long[] inProcess = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String text = query(captions, WARM_UP + i);
            long started = System.nanoTime();
            float[] vector =
                    models.embedQueries(TextBenchData.MODEL, List.of(text)).getFirst();
            encoder[i] = System.nanoTime() - started;
            // the fusion and both stores' searches without HTTP, JSON or the encoder
            started = System.nanoTime();
            textSearch.search(
                    new TextSearch.Request(
                            TextBenchData.COLLECTION,
                            text,
                            vector,
                            TextSearch.Mode.HYBRID,
                            Filter.all(),
                            LIMIT,
                            0,
                            null,
                            Set.of()),
                    TextAnalysis.STANDARD);
            inProcess[i] = System.nanoTime() - started;
            hybrid[i] = timed(text, "hybrid");
            dense[i] = timed(text, "dense");
            lexical[i] = timed(text, "lexical");
        }
        BenchReport report = new BenchReport("text-collections");
        report.line(String.format(
                "POST /v1/texts/search over %d records (Lucene HNSW + BM25, 384-d), limit %d, %d sequential queries"
                        + " each, interleaved: bare encoder (all-MiniLM-L6-v2 query) p50 %.2f ms p99 %.2f ms; hybrid p50"
                        + " %.2f ms p99 %.2f ms; dense p50 %.2f ms p99 %.2f ms; lexical p50 %.2f ms p99 %.2f ms;"
                        + " hybrid − encoder at p50: %.2f ms; the hybrid search in process (TextSearch: k-NN and BM25"
                        + " of 100 candidates each, fusion, highlights; no HTTP, JSON or encoder) p50 %.2f ms p99 %.2f ms",
                TextBenchData.RECORDS,
                LIMIT,
                QUERIES,
                BenchReport.percentileMillis(encoder, 0.5),
                BenchReport.percentileMillis(encoder, 0.99),
                BenchReport.percentileMillis(hybrid, 0.5),
                BenchReport.percentileMillis(hybrid, 0.99),
                BenchReport.percentileMillis(dense, 0.5),
                BenchReport.percentileMillis(dense, 0.99),
                BenchReport.percentileMillis(lexical, 0.5),
                BenchReport.percentileMillis(lexical, 0.99),
                BenchReport.percentileMillis(hybrid, 0.5) - BenchReport.percentileMillis(encoder, 0.5),
                BenchReport.percentileMillis(inProcess, 0.5),
                BenchReport.percentileMillis(inProcess, 0.99)));

        List<String> texts = captions.subList(0, TextBenchData.IMPORT_RECORDS);
        int batch = config.imports().textBatchSize(); // the import's own batches
        long bareStarted = System.nanoTime();
        for (int from = 0; from < texts.size(); from += batch) {
            models.embedDocuments(TextBenchData.MODEL, texts.subList(from, Math.min(texts.size(), from + batch)));
        }
        double bareSeconds = (System.nanoTime() - bareStarted) / 1e9;
        double importSeconds = importOnce();
        report.line(String.format(
                "JSONL import of %d captions into a new text collection, request to done: %.1f s (%.0f records/s);"
                        + " the bare encoder on the same texts in batches of %d: %.1f s (%.0f texts/s); import / encoder"
                        + " throughput %.2f",
                texts.size(),
                importSeconds,
                texts.size() / importSeconds,
                batch,
                bareSeconds,
                texts.size() / bareSeconds,
                bareSeconds / importSeconds));
    }

    private double importOnce() throws Exception {
        String name = "bench_import_" + System.nanoTime();
        post("/v1/collections", Map.of("name", name, "kind", "texts", "model", TextBenchData.MODEL));
        Path file =
                Path.of("target/bench-text-import", TextBenchData.IMPORT_FILE).toAbsolutePath();
        long started = System.nanoTime();
        String id = post(
                        "/v1/imports",
                        Map.of("source", Map.of("type", "jsonl", "path", file.toString()), "collection", name))
                .path("id")
                .asText();
        while (true) {
            JsonNode job = get("/v1/imports/" + id);
            String status = job.path("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                assertThat(job.path("indexed").asLong()).isEqualTo(TextBenchData.IMPORT_RECORDS);
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(20);
        }
    }

    private long timed(String text, String mode) throws Exception {
        long started = System.nanoTime();
        assertThat(search(text, mode)).isPositive();
        return System.nanoTime() - started;
    }

    private int search(String text, String mode) throws Exception {
        JsonNode answer = post(
                "/v1/texts/search",
                Map.of("collection", TextBenchData.COLLECTION, "text", text, "mode", mode, "limit", LIMIT));
        return answer.path("hits").size();
    }

    /** A caption's first words and a number: distinct, so no layer can answer from a cache. */
    private static String query(List<String> captions, int i) {
        String[] words = captions.get((i * 7919) % captions.size()).split(" ");
        List<String> first = new ArrayList<>(List.of(words).subList(0, Math.min(6, words.length)));
        return String.join(" ", first) + " " + i;
    }

    private JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
