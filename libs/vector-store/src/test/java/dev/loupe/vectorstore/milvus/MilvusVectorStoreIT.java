package dev.loupe.vectorstore.milvus;

import dev.loupe.testkit.MilvusServerExtension;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.VectorStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The vector-store contract against a real Milvus-API server (milvus-lite from {@code .venv/milvus}). */
class MilvusVectorStoreIT extends VectorStoreContract {

    @RegisterExtension
    static final MilvusServerExtension MILVUS = new MilvusServerExtension();

    @Override
    protected VectorStore openStore() {
        return MilvusVectorStore.connect(MILVUS.uri(), null, Duration.ofSeconds(30));
    }
}
