package dev.loupe.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) run as a process of its own
 * on a free 127.0.0.1 port, the way {@code ./loupe run} runs it: the JVM of this test, the service's
 * settings as system properties, its output appended to a log file. {@link #close()} ends it as an
 * operator would (SIGTERM, then SIGKILL after a grace period); {@link #kill()} crashes it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(20);

    private final Process process;
    private final URI url;
    private final Path log;

    private ServiceProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts the jar and waits until {@code /q/health/ready} answers 200.
     *
     * @param properties the service's settings ({@code -Dkey=value}); the HTTP host and port are added
     * @param log where the service's output goes (appended)
     * @throws AssertionError when the jar is missing, or the service exits or is not ready in time
     */
    public static ServiceProcess start(Path jar, Map<String, String> properties, Path log, Duration startup)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no packaged service at " + jar.toAbsolutePath()
                    + " (build it first: ./mvnw package -DskipTests -pl <service> -am)");
        }
        int port = FreePorts.loopback();
        Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                "--enable-native-access=ALL-UNNAMED",
                "--add-modules",
                "jdk.incubator.vector",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServiceProcess service = new ServiceProcess(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            service.awaitReady(startup);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as in a crash. Returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * SIGTERM and a graceful stop, SIGKILL if that takes longer than the grace period.
     *
     * @return whether the service stopped gracefully
     */
    public boolean stop() throws InterruptedException {
        process.destroy();
        if (process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
            return true;
        }
        kill();
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private void awaitReady(Duration startup) throws IOException, InterruptedException {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest ready = HttpRequest.newBuilder(url.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            Instant deadline = Instant.now().plus(startup);
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError("the service exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the service was not ready within " + startup + "; see " + log);
                }
                Thread.sleep(200);
            }
        }
    }
}
