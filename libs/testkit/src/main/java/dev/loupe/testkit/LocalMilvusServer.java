package dev.loupe.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Milvus-API server (milvus-lite, installed by {@code deploy/milvus/install-local-milvus.sh} into
 * {@code .venv/milvus}) on a free loopback port with a fresh data directory under {@code target/}.
 * Stopped by {@link #close()}, and killed on JVM exit if a test forgot to.
 */
public final class LocalMilvusServer implements AutoCloseable {

    /** Set to true to skip Milvus tests where the server cannot be installed (CI must not set it). */
    public static final String SKIP_PROPERTY = "loupe.milvus.skip";

    private static final Duration STARTUP = Duration.ofSeconds(60); // cold Python + faiss imports on 2 cores
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread killOnExit;

    private LocalMilvusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "milvus-lite-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a server and waits until it accepts connections.
     *
     * @throws IllegalStateException when milvus-lite is not installed (unless {@value #SKIP_PROPERTY}
     *     is true, which aborts the calling test or class instead) or does not come up in time
     */
    public static LocalMilvusServer start() throws IOException, InterruptedException {
        Path executable = executable();
        if (!Files.isExecutable(executable)) {
            String message = "milvus-lite is not installed at " + executable
                    + "; run deploy/milvus/install-local-milvus.sh from the repository root";
            if (Boolean.getBoolean(SKIP_PROPERTY)) {
                Assumptions.abort(message + " (Milvus tests skipped: -D" + SKIP_PROPERTY + "=true)");
            }
            throw new IllegalStateException(message + " (or pass -D" + SKIP_PROPERTY + "=true to skip)");
        }
        Path base = Path.of(System.getProperty("user.dir"), "target", "milvus-lite");
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "run-");
        int port = FreePorts.loopback();
        Path log = dir.resolve("server.log");
        Process process = new ProcessBuilder(List.of(
                        executable.toString(),
                        "server",
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LocalMilvusServer server = new LocalMilvusServer(process, port, log);
        try {
            server.awaitListening();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Where deploy/milvus/install-local-milvus.sh puts the server; it may not be there. */
    public static Path executable() {
        return repositoryRoot().resolve(".venv/milvus/bin/milvus-lite");
    }

    /** {@code http://127.0.0.1:<port>}, for {@code ConnectConfig.uri}. */
    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("milvus-lite exited with " + process.exitValue() + ": " + logTail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                // poll again: waitFor doubles as the pause and notices an early exit at once
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException(
                "milvus-lite did not listen on port " + port + " within " + STARTUP + ": " + logTail());
    }

    private String logTail() throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("libs"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (a directory with mvnw and libs/) above " + dir);
    }

    /** Stops the server by its PID: SIGTERM, then SIGKILL if it has not exited in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; the process is already gone
        }
    }
}
