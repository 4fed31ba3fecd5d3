package dev.loupe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.encoders.bench.BenchFixtures;
import dev.loupe.testkit.BenchReport;
import dev.loupe.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Text search through the remote embedder against the in-process encoder, in one run on loopback:
 * two standalone search-services over the same demo photos and the same full-size ViT-B/32 bundle, one
 * embedding in process ({@code loupe.embedding=local}), the other through a packaged embedder-service
 * ({@code loupe.embedding=remote}), the same Lucene store behind both; so the difference between them
 * is the embedder's HTTP round trip and JSON. Queries alternate between the two on one keep-alive
 * connection each, so both see the same machine. The embedder batches as the in-process encoder does
 * (a batch waits at most 2 ms for company).
 *
 * <p>Run: {@code ./loupe bench -pl tools/cluster -am -Dit.test=EmbeddingLatencyBench -Dtest=skip
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("bench")
class EmbeddingLatencyBench {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final int WARM_UP = 50;
    private static final int QUERIES = 500;
    private final HttpClient local = HttpClient.newHttpClient();
    private final HttpClient remote = HttpClient.newHttpClient();

    @Test
    void text_search_through_the_remote_embedder_against_the_in_process_encoder() throws Exception {
        BenchFixtures.assumeShared();
        Path models =
                Files.createTempDirectory(Path.of("target"), "bench-models-").toAbsolutePath();
        Files.createSymbolicLink(models.resolve("vit-b-32"), BenchFixtures.vitB32Bundle(false));
        Path target = Path.of("target").toAbsolutePath();
        try (ServiceProcess embedder = ServiceProcess.start(
                        REPOSITORY.resolve("embedder-service/target/quarkus-app/quarkus-run.jar"),
                        Map.of(
                                "loupe.embedder.models-dir",
                                models.toString(),
                                "loupe.embedder.batching.max-wait",
                                "2ms"),
                        target.resolve("bench-embedder.log"),
                        Duration.ofMinutes(3));
                ServiceProcess inProcess = search(models, "local", embedder.url(), "bench-local");
                ServiceProcess throughEmbedder = search(models, "remote", embedder.url(), "bench-remote")) {
            awaitDemo(inProcess.url());
            awaitDemo(throughEmbedder.url());
            for (int i = 0; i < WARM_UP; i++) {
                search(local, inProcess.url(), i);
                search(remote, throughEmbedder.url(), i);
            }
            Map<String, Double> before = embedderTimes(embedder.url());
            long[] localNanos = new long[QUERIES];
            long[] remoteNanos = new long[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                localNanos[i] = search(local, inProcess.url(), WARM_UP + i);
                remoteNanos[i] = search(remote, throughEmbedder.url(), WARM_UP + i);
            }
            Map<String, Double> after = embedderTimes(embedder.url());
            double localP50 = BenchReport.percentileMillis(localNanos, 0.50);
            double remoteP50 = BenchReport.percentileMillis(remoteNanos, 0.50);
            BenchReport report = new BenchReport("search-remote-embedder");
            report.line(String.format(
                    "POST /v1/search {text, limit 10} over the 48 demo photos (Lucene), ViT-B/32 fp32 text tower,"
                            + " %d alternating sequential queries each: in process p50 %.2f ms, p90 %.2f ms,"
                            + " p99 %.2f ms; through embedder-service p50 %.2f ms, p90 %.2f ms, p99 %.2f ms;"
                            + " p50 difference %+.2f ms",
                    QUERIES,
                    localP50,
                    BenchReport.percentileMillis(localNanos, 0.90),
                    BenchReport.percentileMillis(localNanos, 0.99),
                    remoteP50,
                    BenchReport.percentileMillis(remoteNanos, 0.90),
                    BenchReport.percentileMillis(remoteNanos, 0.99),
                    remoteP50 - localP50));
            report.line(String.format(
                    "embedder-service's own timers over those %d text requests, mean per request: HTTP server"
                            + " %.2f ms, service %.2f ms (batch wait %.2f ms, inference %.2f ms)",
                    QUERIES,
                    perRequest(before, after, HTTP_SERVER),
                    perRequest(before, after, SERVICE),
                    perRequest(before, after, QUEUE),
                    perRequest(before, after, INFERENCE)));
        }
    }

    // the embedder's Prometheus series of text requests: HTTP server time, service time, batch wait, inference
    private static final String HTTP_SERVER = "http_server_requests_seconds_%s{method=\"POST\",outcome=\"SUCCESS\","
            + "status=\"200\",uri=\"/v1/embeddings/text\"}";
    private static final String SERVICE = "loupe_embedder_request_seconds_%s{modality=\"text\",model=\"vit-b-32\"}";
    private static final String QUEUE = "loupe_embedder_batch_queue_seconds_%s{modality=\"text\",model=\"vit-b-32\"}";
    private static final String INFERENCE =
            "loupe_embedder_inference_seconds_%s{modality=\"text\"," + "model=\"vit-b-32\",outcome=\"success\"}";

    /** Every sample of the embedder's {@code /q/metrics}, by series. */
    private Map<String, Double> embedderTimes(URI embedder) throws IOException, InterruptedException {
        String text = local.send(
                        HttpRequest.newBuilder(embedder.resolve("/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> samples = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    /** Milliseconds per request of a timer between two readings, or NaN when the series is missing. */
    private static double perRequest(Map<String, Double> before, Map<String, Double> after, String series) {
        String sum = String.format(series, "sum");
        String count = String.format(series, "count");
        if (!after.containsKey(sum) || !after.containsKey(count)) {
            return Double.NaN;
        }
        double seconds = after.get(sum) - before.getOrDefault(sum, 0.0);
        double requests = after.get(count) - before.getOrDefault(count, 0.0);
        return requests == 0 ? Double.NaN : 1000 * seconds / requests;
    }

    private static ServiceProcess search(Path models, String embedding, URI embedder, String name) throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), name + "-").toAbsolutePath();
        return ServiceProcess.start(
                REPOSITORY.resolve("search-service/target/quarkus-app/quarkus-run.jar"),
                Map.of(
                        "loupe.embedding", embedding,
                        "loupe.embedder.url", embedder.toString(),
                        "loupe.models-dir", models.toString(),
                        "loupe.data-dir", data.toString(),
                        "loupe.imports.roots", REPOSITORY.resolve("demo").toString(),
                        "loupe.demo.import-on-start", "true",
                        "loupe.demo.path", REPOSITORY.resolve("demo/photos").toString()),
                Path.of("target", name + ".log").toAbsolutePath(),
                Duration.ofMinutes(3));
    }

    /** Nanoseconds of one text search, checked to answer 10 hits. */
    private static long search(HttpClient http, URI service, int i) throws IOException, InterruptedException {
        String text = BenchFixtures.queryText(i);
        HttpRequest request = HttpRequest.newBuilder(service.resolve("/v1/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\", \"limit\": 10}"))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return took;
    }

    private void awaitDemo(URI service) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        HttpRequest jobs =
                HttpRequest.newBuilder(service.resolve("/v1/imports")).build();
        while (!local.send(jobs, HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"done\"")) {
            assertThat(Instant.now()).as("the demo import done in time").isBefore(deadline);
            Thread.sleep(500);
        }
    }
}
