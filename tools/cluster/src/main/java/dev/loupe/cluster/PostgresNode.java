package dev.loupe.cluster;

import dev.loupe.database.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The cluster's PostgreSQL server, held by a process of its own: the embedded binaries on the given
 * directory and port (127.0.0.1). Writes {@value #READY} beside the data once it accepts connections;
 * stops the server on SIGTERM, and a watchdog stops it when this process is killed.
 *
 * <p>{@code PostgresNode <data dir> <port>}
 */
public final class PostgresNode {

    /** The file that tells the launcher the server is up (beside the data directory). */
    static final String READY = "../postgres.ready";

    private PostgresNode() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EmbeddedPostgresServer server =
                EmbeddedPostgresServer.start(dir, Integer.parseInt(args[1]), Duration.ofMinutes(2));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "postgres-node-stop"));
        Files.writeString(dir.resolve(READY).normalize(), server.reactiveUrl());
        stopped.await();
    }
}
