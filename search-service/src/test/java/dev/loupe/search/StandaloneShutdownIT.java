package dev.loupe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar's embedded PostgreSQL never outlives it: ended with SIGTERM, the service stops the
 * server on its way out; killed with SIGKILL (no Java code runs), its watchdog stops it. Either way the
 * next start finds the data directory free.
 */
class StandaloneShutdownIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Duration POSTGRES_GONE = Duration.ofSeconds(20);

    private Path dataDir;
    private Process service;
    private long postgres; // the running service's postmaster

    @BeforeEach
    void dataDirectory() throws IOException {
        dataDir = Files.createTempDirectory("loupe-shutdown-it");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        if (postgres != 0) {
            awaitGone(postgres); // before its data directory goes
        }
        TestDirectories.delete(dataDir);
    }

    @Test
    void sigterm_stops_postgres_with_the_service() throws Exception {
        long postgres = start();

        service.destroy(); // SIGTERM
        assertThat(service.waitFor(30, TimeUnit.SECONDS))
                .as("the service exits on SIGTERM")
                .isTrue();

        awaitGone(postgres);
    }

    @Test
    void sigkill_leaves_no_postgres_behind_and_the_next_start_works() throws Exception {
        long postgres = start();

        service.destroyForcibly(); // SIGKILL: no shutdown hook, no disposer
        assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();

        awaitGone(postgres);
        long restarted = start();
        assertThat(restarted).isNotEqualTo(postgres);
    }

    /** Starts the jar on the data directory, waits until it is ready; the postmaster's pid. */
    private long start() throws Exception {
        assertThat(JAR)
                .as("the packaged service (mvn package runs before the ITs)")
                .isRegularFile();
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        service = new ProcessBuilder(List.of(
                        java,
                        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                        "--enable-native-access=ALL-UNNAMED",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-Dloupe.data-dir=" + dataDir,
                        "-Dloupe.models-dir=" + TestPhotos.modelsDir(),
                        "-Dloupe.demo.import-on-start=false",
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=" + port,
                        "-jar",
                        JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Path.of("target/standalone-shutdown-it.log").toFile()))
                .start();
        awaitReady(port);
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        assertThat(pidFile).as("the embedded PostgreSQL's lock file").isRegularFile();
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        assertThat(ProcessHandle.of(pid)).as("postmaster %d", pid).isPresent();
        postgres = pid;
        return pid;
    }

    private void awaitReady(int port) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (true) {
            assertThat(service.isAlive())
                    .as("the service is running (see target/standalone-shutdown-it.log)")
                    .isTrue();
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(Instant.now()).as("ready within %s", STARTUP).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private static void awaitGone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(POSTGRES_GONE);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("PostgreSQL (pid %d) is gone within %s of the service", pid, POSTGRES_GONE)
                .isFalse();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
