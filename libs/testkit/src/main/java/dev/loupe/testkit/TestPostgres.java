package dev.loupe.testkit;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on loopback for the tests, in a fresh temporary
 * directory, and reactive pools on fresh databases of it. As root, zonky runs the server under {@code
 * unshare -U} (PostgreSQL refuses to run as root).
 */
public final class TestPostgres implements AutoCloseable {

    /** Statement timeout of the tests' stores. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final EmbeddedPostgres postgres;
    private final Vertx vertx = Vertx.vertx();

    public TestPostgres() {
        try {
            dir = Files.createTempDirectory("loupe-postgres");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("data"))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The reactive client's URL of database {@code postgres}. */
    public String url() {
        return "postgresql://127.0.0.1:" + port() + "/postgres";
    }

    /** Creates an empty database and a pool on it; closed with this server. */
    public Pool freshDatabase() {
        return pool(freshDatabaseName());
    }

    /** Creates an empty database. */
    public String freshDatabaseName() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        Pool admin = pool("postgres");
        try {
            admin.query("CREATE DATABASE " + name).execute().await().atMost(TIMEOUT);
        } finally {
            admin.closeAndAwait();
        }
        return name;
    }

    /** The database over JDBC (the schema migrations run over it). */
    public DataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl("jdbc:postgresql://127.0.0.1:" + port() + "/" + database);
        source.setUser("postgres");
        source.setPassword("postgres");
        return source;
    }

    /** A pool on the database; closed with this server. */
    public Pool pool(String database) {
        return PgBuilder.pool()
                .connectingTo(new PgConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port())
                        .setDatabase(database)
                        .setUser("postgres")
                        .setPassword("postgres"))
                .with(new PoolOptions().setMaxSize(6))
                .using(vertx)
                .build();
    }

    @Override
    public void close() throws IOException {
        try {
            vertx.closeAndAwait();
            postgres.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
