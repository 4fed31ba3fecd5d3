package dev.loupe.search.store;

import dev.loupe.embedder.client.EmbedderUnavailableException;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.EncoderInfo;
import dev.loupe.search.encoder.QueryEncoder;
import dev.loupe.vectorstore.CollectionConflictException;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.VectorStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * At startup, loads the query model and makes sure the default collection exists with the model's
 * dimension (cosine metric); in the distributed mode, once embedder-service names the model if it did
 * not at startup (the readiness check asks again). An empty default collection left by another model is recreated; a
 * non-empty one is kept and reported, since its photos must be re-imported with the new model.
 */
@ApplicationScoped
public class DefaultCollection {

    private static final Logger LOG = Logger.getLogger(DefaultCollection.class);

    private final VectorStore store;
    private final QueryEncoder encoder;
    private final SearchConfig config;

    DefaultCollection(VectorStore store, QueryEncoder encoder, SearchConfig config) {
        this.store = store;
        this.encoder = encoder;
        this.config = config;
    }

    void atStartup(@Observes StartupEvent event) {
        try {
            ensure();
        } catch (EmbedderUnavailableException e) {
            LOG.warnf(
                    "the default collection '%s' is made once embedder-service names the query model: %s",
                    config.defaultCollection(), e.getMessage());
        }
    }

    /**
     * Creates the default collection for the query model unless it exists.
     *
     * @throws EmbedderUnavailableException when the model is not known yet (distributed)
     */
    public void ensure() {
        EncoderInfo model = encoder.info();
        CollectionSpec wanted;
        try {
            wanted = CollectionSpec.of(config.defaultCollection(), model.dimensions());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("loupe.default-collection: " + e.getMessage(), e);
        }
        try {
            store.createCollection(wanted);
        } catch (CollectionConflictException e) {
            Optional<CollectionStats> existing = store.stats(wanted.name());
            if (existing.isPresent() && existing.get().count() == 0) {
                LOG.infof(
                        "recreating the empty collection '%s' for model '%s' (%d dimensions): %s",
                        wanted.name(), model.modelId(), model.dimensions(), e.getMessage());
                store.dropCollection(wanted.name());
                store.createCollection(wanted);
            } else {
                LOG.warnf(
                        "collection '%s' was built by another model: %s. Searches in it answer 422 until its"
                                + " photos are re-imported with model '%s' (or the old model is configured again).",
                        wanted.name(), e.getMessage(), model.modelId());
            }
        }
    }
}
