package dev.loupe.indexer.pipeline;

import dev.loupe.indexer.config.MilvusConfig;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.milvus.MilvusTextStore;
import dev.loupe.vectorstore.milvus.MilvusVectorStore;
import dev.loupe.vectorstore.texts.TextStore;
import java.util.function.Supplier;

/**
 * The Milvus stores (photos and texts), each connected on first use and again after a failed
 * connection, so that the indexer starts and keeps consuming while Milvus is down (its events fail as
 * retryable STORE failures).
 */
final class MilvusConnection implements Supplier<VectorStore>, AutoCloseable {

    private final MilvusConfig config;
    private MilvusVectorStore store;
    private MilvusTextStore texts;

    MilvusConnection(MilvusConfig config) {
        this.config = config;
    }

    /** @throws dev.loupe.vectorstore.milvus.MilvusUnavailableException when Milvus cannot be reached */
    @Override
    public synchronized VectorStore get() {
        if (store == null) {
            store = MilvusVectorStore.connect(config.uri(), config.token().orElse(null), config.timeout());
        }
        return store;
    }

    /** @throws dev.loupe.vectorstore.milvus.MilvusUnavailableException when Milvus cannot be reached */
    synchronized TextStore texts() {
        if (texts == null) {
            texts = MilvusTextStore.connect(config.uri(), config.token().orElse(null), config.timeout());
        }
        return texts;
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
        if (texts != null) {
            texts.close();
            texts = null;
        }
    }
}
