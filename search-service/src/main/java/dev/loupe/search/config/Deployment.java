package dev.loupe.search.config;

/**
 * What {@code loupe.mode} and the settings left unset mean for the adapters: which vector store, where
 * embedding happens. One place for the rules, so that wiring and health checks agree.
 */
public final class Deployment {

    private Deployment() {}

    /**
     * The vector store: {@code store.type}, else Lucene standalone and Milvus distributed.
     *
     * @throws IllegalStateException for Lucene in the distributed mode (replicas must share the vectors)
     */
    public static SearchConfig.Store.Type store(SearchConfig config) {
        SearchConfig.Store.Type type = config.store()
                .type()
                .orElse(distributed(config) ? SearchConfig.Store.Type.MILVUS : SearchConfig.Store.Type.LUCENE);
        if (type == SearchConfig.Store.Type.LUCENE && distributed(config)) {
            throw new IllegalStateException("loupe.mode=distributed keeps the vectors in Milvus, which every replica"
                    + " shares: set loupe.store.type=milvus (or leave it unset), not lucene");
        }
        return type;
    }

    /**
     * Where queries are embedded: {@code embedding}, else in process standalone and by embedder-service
     * distributed.
     *
     * @throws IllegalStateException for a local model in the distributed mode (replicas hold no model)
     */
    public static SearchConfig.Embedding embedding(SearchConfig config) {
        SearchConfig.Embedding where = config.embedding()
                .orElse(distributed(config) ? SearchConfig.Embedding.REMOTE : SearchConfig.Embedding.LOCAL);
        if (where == SearchConfig.Embedding.LOCAL && distributed(config)) {
            throw new IllegalStateException("loupe.mode=distributed embeds through embedder-service"
                    + " (loupe.embedder.url): set loupe.embedding=remote (or leave it unset), not local");
        }
        return where;
    }

    public static boolean remoteEmbedding(SearchConfig config) {
        return embedding(config) == SearchConfig.Embedding.REMOTE;
    }

    public static boolean distributed(SearchConfig config) {
        return config.mode() == SearchConfig.Mode.DISTRIBUTED;
    }
}
