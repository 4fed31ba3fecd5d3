package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.VectorStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest extends VectorStoreContract {

    @TempDir
    Path root;

    @Override
    protected VectorStore openStore() {
        return new LuceneVectorStore(root);
    }
}
