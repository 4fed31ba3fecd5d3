package dev.loupe.indexer;

import dev.loupe.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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

    private final ServiceProcess service;

    private EmbedderServiceProcess(ServiceProcess service) {
        this.service = service;
    }

    /** Starts the service and waits until its default model is loaded. */
    public static EmbedderServiceProcess start() throws IOException, InterruptedException {
        return new EmbedderServiceProcess(ServiceProcess.start(
                JAR,
                Map.of(
                        "loupe.embedder.models-dir",
                        MODELS.toAbsolutePath().normalize().toString(),
                        "loupe.embedder.limits.max-items-per-request",
                        "16"),
                LOG,
                STARTUP));
    }

    public URI url() {
        return service.url();
    }

    @Override
    public void close() throws InterruptedException {
        service.close();
    }
}
