package dev.loupe.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged embedder-service ({@code ../embedder-service/target/quarkus-app/quarkus-run.jar}, built
 * before this module in the reactor) run as a process on a free loopback port with the repository's
 * bundled random-weight CLIP model; stopped by {@link #close()} (SIGTERM, then SIGKILL).
 */
public final class EmbedderServiceProcess implements AutoCloseable {

    /** The bundled test model, the only one in {@code models/}. */
    public static final String MODEL = "clip-tiny-random";

    public static final int DIMENSIONS = 16;

    private static final Path JAR = Path.of("../embedder-service/target/quarkus-app/quarkus-run.jar");
    private static final Path MODELS = Path.of("../models");
    private static final Duration STARTUP = Duration.ofSeconds(90); // cold JVM and ONNX Runtime on 2 busy cores
    private static final Path LOG = Path.of("target/embedder-service-it.log");

    private final Process process;
    private final URI url;

    private EmbedderServiceProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the service and waits until its default model is loaded. */
    public static EmbedderServiceProcess start() throws IOException, InterruptedException {
        assertThat(JAR)
                .as(
                        "the packaged embedder-service (build it first: ./mvnw install -DskipTests -pl embedder-service -am)")
                .isRegularFile();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path tmp = Files.createDirectories(Path.of("target/tmp/embedder-service"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx512m",
                        "-Dloupe.embedder.models-dir=" + MODELS.toAbsolutePath().normalize(),
                        "-Dloupe.embedder.limits.max-items-per-request=16",
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=" + port,
                        "-jar",
                        JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                .start();
        EmbedderServiceProcess service = new EmbedderServiceProcess(process, URI.create("http://127.0.0.1:" + port));
        try {
            service.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            service.close();
            throw e;
        }
        return service;
    }

    public URI url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest ready = HttpRequest.newBuilder(url.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            Instant deadline = Instant.now().plus(STARTUP);
            while (true) {
                assertThat(process.isAlive())
                        .as("embedder-service is running (see %s)", LOG)
                        .isTrue();
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                assertThat(Instant.now())
                        .as("embedder-service ready within %s", STARTUP)
                        .isBefore(deadline);
                Thread.sleep(200);
            }
        }
    }
}
