package dev.loupe.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts a {@link TestPostgres} server and points the service's reactive client at it. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private TestPostgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = new TestPostgres();
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.url(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
