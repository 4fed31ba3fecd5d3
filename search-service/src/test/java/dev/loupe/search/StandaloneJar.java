package dev.loupe.search;

import dev.loupe.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The packaged search-service ({@code target/quarkus-app/quarkus-run.jar}) started standalone on a data
 * directory with the repository's models and without the demo import: what a restart of {@code ./loupe
 * run} on existing data looks like.
 */
public final class StandaloneJar {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration STARTUP = Duration.ofMinutes(2);

    private StandaloneJar() {}

    /**
     * Starts the service and waits until it is ready.
     *
     * @param log where its output goes (appended), under {@code target/}
     */
    public static ServiceProcess start(Path dataDir, String log) throws IOException, InterruptedException {
        return ServiceProcess.start(
                JAR,
                Map.of(
                        "loupe.data-dir", dataDir.toString(),
                        "loupe.models-dir", TestPhotos.modelsDir().toString(),
                        "loupe.demo.import-on-start", "false"),
                Path.of("target", log),
                STARTUP);
    }
}
