package dev.loupe.vectorstore.milvus;

import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.VectorStoreContract;
import java.time.Duration;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.milvus.MilvusContainer;

/**
 * The vector-store contract against the real Milvus standalone image, where filter values travel as
 * expression-template values (milvus-lite cannot bind them). Disabled, not failed, without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class MilvusContainerIT extends VectorStoreContract {

    /** Pinned to the 2.6 server line that milvus-sdk-java 2.6 targets; embedded etcd, local storage. */
    @Container
    private static final MilvusContainer MILVUS = new MilvusContainer("milvusdb/milvus:v2.6.4");

    @Override
    protected VectorStore openStore() {
        return MilvusVectorStore.connect(MILVUS.getEndpoint(), null, Duration.ofSeconds(30));
    }
}
