package dev.loupe.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar's embedded PostgreSQL never outlives it: ended with SIGTERM, the service stops the
 * server on its way out; killed with SIGKILL (no Java code runs), its watchdog stops it. Either way the
 * next start finds the data directory free.
 */
class StandaloneShutdownIT {

    private static final Duration POSTGRES_GONE = Duration.ofSeconds(20);

    private Path dataDir;
    private ServiceProcess service;
    private long postgres; // the running service's postmaster

    @BeforeEach
    void dataDirectory() throws IOException {
        dataDir = Files.createTempDirectory("loupe-shutdown-it");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        if (postgres != 0) {
            awaitGone(postgres); // before its data directory goes
        }
        TestDirectories.delete(dataDir);
    }

    @Test
    void sigterm_stops_postgres_with_the_service() throws Exception {
        long postgres = start();

        assertThat(service.stop()).as("the service exits gracefully on SIGTERM").isTrue();

        awaitGone(postgres);
    }

    @Test
    void sigkill_leaves_no_postgres_behind_and_the_next_start_works() throws Exception {
        long postgres = start();

        service.kill(); // SIGKILL: no shutdown hook, no disposer

        awaitGone(postgres);
        long restarted = start();
        assertThat(restarted).isNotEqualTo(postgres);
    }

    /** Starts the jar on the data directory, waits until it is ready; the postmaster's pid. */
    private long start() throws Exception {
        service = StandaloneJar.start(dataDir, "standalone-shutdown-it.log");
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        assertThat(pidFile).as("the embedded PostgreSQL's lock file").isRegularFile();
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        assertThat(ProcessHandle.of(pid)).as("postmaster %d", pid).isPresent();
        postgres = pid;
        return pid;
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
}
