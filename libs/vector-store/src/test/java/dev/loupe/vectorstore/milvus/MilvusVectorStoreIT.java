package dev.loupe.vectorstore.milvus;

import dev.loupe.testkit.LocalMilvusServer;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.VectorStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The vector-store contract against a real Milvus-API server (milvus-lite from {@code .venv/milvus}). */
class MilvusVectorStoreIT extends VectorStoreContract {

    private static LocalMilvusServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalMilvusServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected VectorStore openStore() {
        return MilvusVectorStore.connect(server.uri(), null, Duration.ofSeconds(30));
    }
}
