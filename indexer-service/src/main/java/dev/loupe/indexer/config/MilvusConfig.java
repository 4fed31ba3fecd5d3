package dev.loupe.indexer.config;

import dev.loupe.service.config.MilvusConnectionConfig;
import dev.loupe.vectorstore.IndexType;
import io.smallrye.config.WithDefault;

/**
 * The Milvus server records are upserted into ({@code loupe.milvus.*}). The indexer connects on first
 * use and again after a failed connection, so it starts while Milvus is down; a collection an event
 * names is created on first use (cosine, the model's dimension, the index below). The connection keys
 * ({@code uri}, {@code token}, {@code timeout}) are the shared {@link MilvusConnectionConfig}.
 */
public interface MilvusConfig extends MilvusConnectionConfig {

    /** Index of the collections the indexer creates (existing collections keep theirs). */
    Index index();

    /** Index type and parameters of new collections (see dev.loupe.vectorstore.IndexSettings). */
    interface Index {

        /** {@code HNSW}, {@code IVF_FLAT} or {@code IVF_SQ8}. Default: HNSW. */
        @WithDefault("HNSW")
        IndexType type();

        /** HNSW: neighbours per node. Default: 16. */
        @WithDefault("16")
        int m();

        /** HNSW: candidate list size while building. Default: 200. */
        @WithDefault("200")
        int efConstruction();

        /** HNSW: candidate list size while searching. Default: 100. */
        @WithDefault("100")
        int efSearch();

        /** IVF: number of clusters. Default: 1024. */
        @WithDefault("1024")
        int nlist();

        /** IVF: clusters visited per search. Default: 16. */
        @WithDefault("16")
        int nprobe();
    }
}
