package dev.loupe.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server of zonky's embedded binaries on a data directory that outlives it, listening on
 * 127.0.0.1 only: the database of the standalone mode and of {@code ./loupe cluster}. Stopped by
 * {@link #close()}, and by a {@link PostgresWatchdog} when the JVM dies without closing it. Running as
 * root, zonky starts {@code initdb} and {@code pg_ctl} under {@code unshare -U} (PostgreSQL refuses to
 * run as root), so containers that forbid user namespaces must run it as an unprivileged user.
 * Connections need no password (the server trusts local connections); user {@value #USER}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);

    /** The superuser, and the database the services use. */
    public static final String USER = "postgres";

    private final Path dir;
    private final EmbeddedPostgres postgres;
    private final Process watchdog;

    private EmbeddedPostgresServer(Path dir, EmbeddedPostgres postgres, Process watchdog) {
        this.dir = dir;
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    /**
     * Starts the server on {@code dir} (initialised on first use), on {@code port} (0: a free one).
     *
     * @throws IllegalStateException when it does not start, with the reason: another server already
     *     running on the directory (a process that was killed left it behind, or another Loupe uses the
     *     directory), or what its log says
     */
    public static EmbeddedPostgresServer start(Path dir, int port, Duration startupWait) {
        Path data = dir.toAbsolutePath().normalize();
        refuseRunningServer(data);
        long started = System.nanoTime();
        try {
            Files.createDirectories(data);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // stopped by close()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(startupWait);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.infof(
                    "PostgreSQL started in %d ms: data in %s, port %d on 127.0.0.1",
                    (System.nanoTime() - started) / 1_000_000, data, postgres.getPort());
            Process watchdog = PostgresWatchdog.watch(data).orElse(null);
            if (watchdog == null) {
                LOG.warn("no /bin/sh: PostgreSQL is stopped on a clean shutdown only, not when the JVM is killed");
            }
            return new EmbeddedPostgresServer(data, postgres, watchdog);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot start the embedded PostgreSQL server in " + data + ": " + e.getMessage()
                            + " (its log lines above say why; as root it needs 'unshare -U' to work)",
                    e);
        }
    }

    /** Fails with a clear reason when a postmaster still runs on the directory (its lock would stop us). */
    private static void refuseRunningServer(Path data) {
        Optional<Long> pid = postmasterPid(data);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> running = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        boolean ours = running.flatMap(p -> p.info().commandLine())
                .map(line -> line.contains(data.toString()))
                .orElse(running.isPresent());
        if (running.isPresent() && ours) {
            throw new IllegalStateException("a PostgreSQL server (pid " + pid.get() + ") already runs on " + data
                    + ": another Loupe uses this data directory, or a Loupe that was killed left it behind. Stop"
                    + " that Loupe, or stop the server with 'kill -INT " + pid.get() + "', and start again.");
        }
    }

    /** The pid in {@code <data>/postmaster.pid}: the server's, while one runs on the directory. */
    public static Optional<Long> postmasterPid(Path data) {
        Path file = data.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The data directory. */
    public Path directory() {
        return dir;
    }

    /** The pid of the server's postmaster, while it runs. */
    public Optional<Long> pid() {
        return postmasterPid(dir);
    }

    /** Database {@value #USER} over JDBC (the migrations). */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** Database {@value #USER} as the reactive client names it. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/" + USER;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warnf("cannot stop the embedded PostgreSQL server cleanly: %s", e.getMessage());
        } finally {
            if (watchdog != null) {
                watchdog.destroy();
            }
        }
    }
}
