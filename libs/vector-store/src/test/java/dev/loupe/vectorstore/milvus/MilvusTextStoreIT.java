package dev.loupe.vectorstore.milvus;

import dev.loupe.testkit.MilvusServerExtension;
import dev.loupe.vectorstore.texts.TextStore;
import dev.loupe.vectorstore.texts.TextStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The text-store contract against a real Milvus-API server: BM25 full-text search, jieba for Chinese. */
class MilvusTextStoreIT extends TextStoreContract {

    @RegisterExtension
    static final MilvusServerExtension MILVUS = new MilvusServerExtension();

    @Override
    protected TextStore openStore() {
        return MilvusTextStore.connect(MILVUS.uri(), null, Duration.ofSeconds(30));
    }
}
