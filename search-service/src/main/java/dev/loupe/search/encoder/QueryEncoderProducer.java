package dev.loupe.search.encoder;

import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.embedder.client.EmbedderUnavailableException;
import dev.loupe.embedder.client.RemotePhotoEmbedder;
import dev.loupe.encoders.EmbeddingModel;
import dev.loupe.encoders.Modality;
import dev.loupe.encoders.ModelInfo;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.ingest.ModelPhotoEmbedder;
import dev.loupe.ingest.PhotoEmbedder;
import dev.loupe.search.config.Deployment;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.metrics.SearchMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Wiring of the {@link QueryEncoder} by {@code loupe.embedding} (see {@link Deployment}): local, one
 * model bundle of {@code loupe.models-dir} loaded into this process, shared by queries and imports;
 * remote (always in the distributed mode), embedder-service through the shared client ({@code
 * loupe.embedder.*}), no model in this process.
 */
@ApplicationScoped
public class QueryEncoderProducer {

    private static final Logger LOG = Logger.getLogger(QueryEncoderProducer.class);

    private final SearchConfig config;
    private final SearchMetrics metrics;

    QueryEncoderProducer(SearchConfig config, SearchMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** The model and its batchers; typed apart so that the photo embedder below shares its model. */
    @Produces
    @Singleton
    @Typed(LocalQueryEncoder.class)
    LocalQueryEncoder localEncoder() {
        Path dir = config.modelsDir().toAbsolutePath().normalize();
        List<String> found = ModelBundles.discover(dir);
        String id = ModelBundles.choose(found, config.model(), dir);
        long started = System.nanoTime();
        EmbeddingModel model =
                ModelLoader.load(id, dir.resolve(id), config.runtime().options());
        LocalQueryEncoder encoder;
        try {
            encoder = new LocalQueryEncoder(
                    model,
                    config.batching().settings(),
                    new ImageLimits(
                            config.limits().maxImageBytes().asLongValue(),
                            config.limits().maxImagePixels()),
                    config.limits().maxConcurrentDecodes(),
                    modality -> metrics.batchListener(id, modality),
                    !ModelBundles.RANDOM_TEST_MODEL.equals(id));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        for (Modality modality : Modality.values()) {
            if (encoder.batcher(modality) != null) {
                metrics.watchQueue(id, modality, encoder.batcher(modality));
            }
        }
        logLoaded(model.info(), found, (System.nanoTime() - started) / 1_000_000);
        return encoder;
    }

    void close(@Disposes LocalQueryEncoder encoder) {
        encoder.close();
    }

    /** The client of embedder-service (distributed). */
    @Produces
    @Singleton
    EmbedderClient embedderClient() {
        return new EmbedderClient(config.embedder());
    }

    void closeClient(@Disposes EmbedderClient client) {
        client.close();
    }

    /** The distributed mode's encoder; asks for the model now, and at the first query when the service is down. */
    @Produces
    @Singleton
    @Typed(RemoteQueryEncoder.class)
    RemoteQueryEncoder remoteEncoder(EmbedderClient client) {
        RemoteQueryEncoder remote =
                new RemoteQueryEncoder(client, config.embedder().model());
        try {
            remote.refresh();
        } catch (EmbedderUnavailableException e) {
            LOG.warnf("embedder-service is not ready (%s): queries answer 503 until it is", e.getMessage());
        }
        return remote;
    }

    @Produces
    @ApplicationScoped
    QueryEncoder queryEncoder(Instance<LocalQueryEncoder> local, Instance<RemoteQueryEncoder> remote) {
        return Deployment.remoteEmbedding(config) ? remote.get() : local.get();
    }

    /**
     * Embeds the photos this process imports (standalone): with the query model's own instance, one model
     * in memory, not two; or through embedder-service when embedding is remote.
     */
    @Produces
    @Singleton
    PhotoEmbedder photoEmbedder(Instance<LocalQueryEncoder> local, Instance<EmbedderClient> client) {
        if (Deployment.remoteEmbedding(config)) {
            return RemotePhotoEmbedder.of(client.get(), config.embedder());
        }
        return new ModelPhotoEmbedder(local.get().model());
    }

    private void logLoaded(ModelInfo info, List<String> found, long millis) {
        LOG.infof(
                "query model '%s' loaded in %d ms from %s (bundles there: %s): %d dimensions, embeds %s, runs on %s",
                info.id(),
                millis,
                config.modelsDir(),
                found,
                info.dimensions(),
                info.modalities().stream()
                        .map(m -> m.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList(),
                info.executionProvider().name().toLowerCase(Locale.ROOT));
        if (ModelBundles.RANDOM_TEST_MODEL.equals(info.id())) {
            LOG.warnf(
                    "%n*****************************************************************************%n"
                            + "* MODEL '%s' HAS RANDOM WEIGHTS: search results are MEANINGLESS.%n"
                            + "* It exists for tests. Fetch a real model and restart:%n"
                            + "*   deploy/models/fetch-model.sh clip-vit-base-patch32%n"
                            + "* (into loupe.models-dir; set loupe.model when several bundles are there).%n"
                            + "* GET /v1/status reports \"meaningful\": false until then.%n"
                            + "*****************************************************************************",
                    info.id());
        }
    }
}
