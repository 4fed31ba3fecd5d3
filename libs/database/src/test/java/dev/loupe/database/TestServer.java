package dev.loupe.database;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** One embedded server in a temporary directory for a test class, and fresh databases on it. */
final class TestServer implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final EmbeddedPostgresServer server;
    private final Vertx vertx = Vertx.vertx();

    TestServer() {
        try {
            dir = Files.createTempDirectory("loupe-database-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = EmbeddedPostgresServer.start(dir.resolve("data"), 0, Duration.ofSeconds(60));
    }

    EmbeddedPostgresServer server() {
        return server;
    }

    Path dir() {
        return dir;
    }

    /** A new empty database. */
    String freshDatabase() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    DataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database);
        source.setUser(EmbeddedPostgresServer.USER);
        return source;
    }

    Pool pool(String database) {
        return PgBuilder.pool()
                .connectingTo(new PgConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(server.port())
                        .setDatabase(database)
                        .setUser(EmbeddedPostgresServer.USER))
                .with(new PoolOptions().setMaxSize(4))
                .using(vertx)
                .build();
    }

    @Override
    public void close() throws IOException {
        try {
            vertx.closeAndAwait();
            server.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
