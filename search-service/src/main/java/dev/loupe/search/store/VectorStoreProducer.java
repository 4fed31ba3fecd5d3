package dev.loupe.search.store;

import dev.loupe.search.config.SearchConfig;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.lucene.LuceneVectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Standalone wiring of the {@link VectorStore}: Lucene HNSW indexes under {@code
 * <loupe.data-dir>/vectors}. The distributed profile replaces this producer with Milvus.
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
        Path root = config.dataDir().toAbsolutePath().normalize().resolve(VECTORS_DIR);
        LuceneVectorStore store = new LuceneVectorStore(root);
        LOG.infof(
                "vector store: Lucene under %s, collections %s",
                root, store.listCollections().stream().map(spec -> spec.name()).toList());
        return store;
    }

    void close(@Disposes VectorStore store) {
        store.close();
    }
}
