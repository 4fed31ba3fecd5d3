package dev.loupe.search.database;

import dev.loupe.database.EmbeddedPostgresServer;
import dev.loupe.database.LoupeSchema;
import dev.loupe.database.PostgresUrls;
import dev.loupe.search.config.SearchConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes the service's reactive PostgreSQL pool (quarkus-reactive-pg-client's, which every repository
 * shares), the schema migrated first: on the embedded server in the standalone mode, on the server of
 * {@code quarkus.datasource.reactive.url} in the distributed one, which every replica shares.
 */
@Singleton
public class DatabasePools implements PgPoolCreator {

    private static final Logger LOG = Logger.getLogger(DatabasePools.class);

    private final SearchConfig config;
    private final Instance<EmbeddedPostgresServer> embedded;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    DatabasePools(
            SearchConfig config,
            Instance<EmbeddedPostgresServer> embedded,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = List.copyOf(input.pgConnectOptionsList());
        if (config.mode() == SearchConfig.Mode.STANDALONE) {
            EmbeddedPostgresServer server = embedded.get();
            LoupeSchema.migrate(server.dataSource());
            servers = List.of(new PgConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(server.port())
                    .setDatabase(EmbeddedPostgresServer.USER)
                    .setUser(EmbeddedPostgresServer.USER));
        } else {
            LOG.infof("database: %s", PostgresUrls.redacted(url));
            LoupeSchema.migrate(PostgresUrls.dataSource(url, user.orElse(null), password.orElse(null)));
        }
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(servers)
                .using(input.vertx())
                .build();
    }
}
