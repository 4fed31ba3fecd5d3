package dev.loupe.search.store;

import dev.loupe.search.config.Deployment;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.service.config.MilvusConnectionConfig;
import dev.loupe.vectorstore.CollectionSpec;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import dev.loupe.vectorstore.milvus.MilvusVectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Wires the {@link VectorStore} that {@code loupe.store.type} names: Lucene HNSW indexes under {@code
 * <loupe.data-dir>/vectors} (standalone, the default), or the Milvus server at {@code
 * loupe.store.milvus.uri} (distributed), which must answer at startup.
 */
@ApplicationScoped
public class VectorStoreProducer {

    private static final Logger LOG = Logger.getLogger(VectorStoreProducer.class);

    /** Subdirectory of the data directory holding the Lucene indexes. */
    static final String VECTORS_DIR = "vectors";

    private final SearchConfig config;

    VectorStoreProducer(SearchConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    VectorStore vectorStore() {
        VectorStore store;
        String where;
        SearchConfig.Store.Type type = Deployment.store(config);
        switch (type) {
            case MILVUS -> {
                MilvusConnectionConfig milvus = config.store().milvus();
                store = MilvusVectorStore.connect(milvus.uri(), milvus.token().orElse(null), milvus.timeout());
                where = "Milvus at " + milvus.uri();
            }
            case LUCENE -> {
                Path root = config.dataDir().toAbsolutePath().normalize().resolve(VECTORS_DIR);
                store = new LuceneVectorStore(root);
                where = "Lucene under " + root;
            }
            default -> throw new IllegalStateException("unknown loupe.store.type " + type);
        }
        LOG.infof(
                "vector store: %s, collections %s",
                where,
                store.listCollections().stream().map(CollectionSpec::name).toList());
        return store;
    }

    void close(@Disposes VectorStore store) {
        store.close();
    }
}
