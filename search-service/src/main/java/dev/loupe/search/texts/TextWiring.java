package dev.loupe.search.texts;

import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.embedder.client.RemoteTextEmbedder;
import dev.loupe.encoders.ModelLoader;
import dev.loupe.ingest.ModelTextEmbedder;
import dev.loupe.ingest.TextEmbedder;
import dev.loupe.search.config.Deployment;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.encoder.ModelBundles;
import dev.loupe.service.config.MilvusConnectionConfig;
import dev.loupe.vectorstore.lucene.LuceneTextStore;
import dev.loupe.vectorstore.milvus.MilvusTextStore;
import dev.loupe.vectorstore.texts.TextCollectionSpec;
import dev.loupe.vectorstore.texts.TextSearch;
import dev.loupe.vectorstore.texts.TextStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Wiring of text collections by {@code loupe.mode}: their store (Lucene under {@code
 * <data-dir>/texts}, or the Milvus of {@code loupe.store.milvus.*}), the text models that embed their
 * records and queries (every text bundle of {@code loupe.models-dir} in process, loaded on first use;
 * or embedder-service), and the search that fuses dense and lexical rankings.
 */
@ApplicationScoped
public class TextWiring {

    private static final Logger LOG = Logger.getLogger(TextWiring.class);

    /** Subdirectory of the data directory holding the text collections' Lucene indexes. */
    static final String TEXTS_DIR = "texts";

    private final SearchConfig config;

    TextWiring(SearchConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    TextStore textStore() {
        TextStore store;
        String where;
        switch (Deployment.store(config)) {
            case MILVUS -> {
                MilvusConnectionConfig milvus = config.store().milvus();
                store = MilvusTextStore.connect(milvus.uri(), milvus.token().orElse(null), milvus.timeout());
                where = "Milvus at " + milvus.uri();
            }
            case LUCENE -> {
                Path root = config.dataDir().toAbsolutePath().normalize().resolve(TEXTS_DIR);
                store = new LuceneTextStore(root);
                where = "Lucene under " + root;
            }
            default -> throw new IllegalStateException("unknown loupe.store.type");
        }
        LOG.infof(
                "text store: %s, text collections %s",
                where,
                store.listCollections().stream().map(TextCollectionSpec::name).toList());
        return store;
    }

    void closeStore(@Disposes TextStore store) {
        store.close();
    }

    /** Every text bundle in the models directory, loaded when a collection first needs it. */
    @Produces
    @Singleton
    @Typed(ModelTextEmbedder.class)
    ModelTextEmbedder localTextModels() {
        Path dir = config.modelsDir().toAbsolutePath().normalize();
        List<String> bundles;
        try {
            bundles = ModelBundles.textBundles(ModelBundles.discover(dir), dir);
        } catch (IllegalStateException e) {
            bundles = List.of(); // no models directory, or no bundle in it: no text models
        }
        Map<String, Function<String, dev.loupe.encoders.EmbeddingModel>> loaders = new LinkedHashMap<>();
        for (String id : bundles) {
            loaders.put(
                    id,
                    key -> ModelLoader.load(
                            key, dir.resolve(key), config.runtime().options()));
        }
        LOG.infof("text models in %s: %s", dir, bundles);
        return new ModelTextEmbedder(loaders);
    }

    void closeLocal(@Disposes ModelTextEmbedder models) {
        models.close();
    }

    @Produces
    @Singleton
    TextEmbedder textEmbedder(Instance<ModelTextEmbedder> local, Instance<EmbedderClient> client) {
        return Deployment.remoteEmbedding(config) ? new RemoteTextEmbedder(client.get()) : local.get();
    }

    @Produces
    @Singleton
    TextSearch textSearch(TextStore store) {
        SearchConfig.Texts texts = config.texts();
        return new TextSearch(
                store,
                new TextSearch.Settings(
                        TextSearch.Fusion.parse(texts.fusion()),
                        texts.denseWeight(),
                        texts.rrfK(),
                        texts.candidates()));
    }
}
