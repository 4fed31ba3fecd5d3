package dev.loupe.search.health;

import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.search.config.Deployment;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.EncoderInfo;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.search.store.DefaultCollection;
import dev.loupe.vectorstore.VectorStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every dependency answers: the query model (in process, or embedder-service in the
 * distributed mode), the vector store with the default collection, and PostgreSQL. Reports what serves:
 * the model id and whether it is the meaningless random-weight test model.
 */
@Readiness
@ApplicationScoped
public class SearchReadinessCheck implements HealthCheck {

    /** How long the database may take to answer {@code SELECT 1} before the service counts as not ready. */
    static final Duration DATABASE_PROBE = Duration.ofSeconds(3);

    private final QueryEncoder encoder;
    private final VectorStore store;
    private final CollectionCatalog catalog;
    private final DefaultCollection defaultCollection;
    private final Pool pool;
    private final Instance<EmbedderClient> embedder;
    private final SearchConfig config;

    SearchReadinessCheck(
            QueryEncoder encoder,
            VectorStore store,
            CollectionCatalog catalog,
            DefaultCollection defaultCollection,
            Pool pool,
            Instance<EmbedderClient> embedder,
            SearchConfig config) {
        this.encoder = encoder;
        this.store = store;
        this.catalog = catalog;
        this.defaultCollection = defaultCollection;
        this.pool = pool;
        this.embedder = embedder;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("search")
                .withData("mode", config.mode().name().toLowerCase(java.util.Locale.ROOT))
                .withData("defaultCollection", catalog.defaultCollection());
        boolean ready = model(response) & store(response) & database(response);
        if (Deployment.remoteEmbedding(config)) {
            String down = embedder.get().unavailability();
            response.withData("embedder", down == null ? "up" : "down: " + down);
            ready &= down == null;
        }
        return response.status(ready).build();
    }

    private boolean model(HealthCheckResponseBuilder response) {
        try {
            EncoderInfo model = encoder.info();
            response.withData("model", model.modelId()).withData("meaningful", model.meaningful());
            return true;
        } catch (RuntimeException e) {
            response.withData("model", "unknown: " + e.getMessage());
            return false;
        }
    }

    private boolean store(HealthCheckResponseBuilder response) {
        try {
            if (store.stats(catalog.defaultCollection()).isPresent()) {
                return true;
            }
            defaultCollection.ensure(); // created at startup unless the model was unknown then
            return store.stats(catalog.defaultCollection()).isPresent();
        } catch (RuntimeException e) {
            response.withData("store", "failing: " + e.getMessage());
            return false;
        }
    }

    private boolean database(HealthCheckResponseBuilder response) {
        try {
            pool.query("SELECT 1").execute().await().atMost(DATABASE_PROBE);
            response.withData("database", "up");
            return true;
        } catch (RuntimeException e) {
            response.withData("database", "failing: " + e.getMessage());
            return false;
        }
    }
}
