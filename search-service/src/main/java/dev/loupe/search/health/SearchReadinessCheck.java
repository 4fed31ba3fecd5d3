package dev.loupe.search.health;

import dev.loupe.search.encoder.EncoderInfo;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the query model is loaded and the vector store answers with the default collection. Both
 * are set up during startup, so this mostly reports what serves: the model id and whether it is the
 * meaningless random-weight test model.
 */
@Readiness
@ApplicationScoped
public class SearchReadinessCheck implements HealthCheck {

    private final QueryEncoder encoder;
    private final VectorStore store;
    private final CollectionCatalog catalog;

    SearchReadinessCheck(QueryEncoder encoder, VectorStore store, CollectionCatalog catalog) {
        this.encoder = encoder;
        this.store = store;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        EncoderInfo model = encoder.info();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("search")
                .withData("model", model.modelId())
                .withData("meaningful", model.meaningful())
                .withData("defaultCollection", catalog.defaultCollection());
        boolean ready;
        try {
            ready = store.stats(catalog.defaultCollection()).isPresent();
        } catch (RuntimeException e) {
            response.withData("store", "failing: " + e.getMessage());
            ready = false;
        }
        return response.status(ready).build();
    }
}
