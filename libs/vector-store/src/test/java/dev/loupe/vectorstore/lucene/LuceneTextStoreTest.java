package dev.loupe.vectorstore.lucene;

import dev.loupe.vectorstore.texts.TextStore;
import dev.loupe.vectorstore.texts.TextStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The text-store contract on the embedded Lucene index. */
class LuceneTextStoreTest extends TextStoreContract {

    @TempDir
    Path root;

    @Override
    protected TextStore openStore() {
        return new LuceneTextStore(root);
    }
}
