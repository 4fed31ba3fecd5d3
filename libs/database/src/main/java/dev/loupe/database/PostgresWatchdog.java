package dev.loupe.database;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Stops the embedded PostgreSQL server when this JVM dies, however it dies. A clean shutdown stops the
 * server through {@link EmbeddedPostgresServer#close()}, but a JVM killed with SIGKILL (or ended
 * by a harness that gives up waiting) runs no Java code at all, and the server would outlive it,
 * holding the data directory's lock so the next start fails. So a small shell process, started right
 * after the server, waits for this JVM to disappear and then sends the postmaster SIGINT (PostgreSQL's
 * fast shutdown: roll back open transactions, checkpoint, exit).
 *
 * <p>The postmaster's pid is read from {@code postmaster.pid} when the watchdog starts, and checked
 * again before the signal, so a pid the system has reused for another process is never signalled.
 */
final class PostgresWatchdog {

    /**
     * Polls the JVM once a second, then signals the postmaster if it is still the one it started with:
     * the same pid running on the same data directory (by {@code /proc}, which still answers when the
     * data directory has been deleted meanwhile; by the lock file where there is no {@code /proc}).
     */
    private static final String SCRIPT = """
            jvm=$1; dir=$2; pidfile="$dir/postmaster.pid"
            pg=$(head -n 1 "$pidfile" 2>/dev/null) || exit 0
            [ -n "$pg" ] || exit 0
            while kill -0 "$jvm" 2>/dev/null; do sleep 1; done
            if [ -d /proc/self ]; then
              grep -qF -- "$dir" "/proc/$pg/cmdline" 2>/dev/null && kill -INT "$pg"
            elif [ "$(head -n 1 "$pidfile" 2>/dev/null)" = "$pg" ]; then
              kill -INT "$pg"
            fi
            exit 0
            """;

    private PostgresWatchdog() {}

    /**
     * Starts the watchdog for the server whose data directory is {@code dataDir}; empty where no POSIX
     * shell is available (the disposer still stops the server on a clean shutdown).
     */
    static Optional<Process> watch(Path dataDir) throws IOException {
        Path shell = Path.of("/bin/sh");
        if (!Files.isExecutable(shell)) {
            return Optional.empty();
        }
        Process process = new ProcessBuilder(List.of(
                        shell.toString(),
                        "-c",
                        SCRIPT,
                        "loupe-postgres-watchdog",
                        Long.toString(ProcessHandle.current().pid()),
                        dataDir.toString()))
                .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD)
                .start();
        return Optional.of(process);
    }
}
