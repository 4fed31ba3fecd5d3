package dev.loupe.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalMilvusServer} for a test class: started before its first test, stopped after its
 * last.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final MilvusServerExtension MILVUS = new MilvusServerExtension();
 * ... MILVUS.uri() ...
 * </pre>
 */
public final class MilvusServerExtension implements BeforeAllCallback, AfterAllCallback {

    private LocalMilvusServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = LocalMilvusServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server's address. */
    public String uri() {
        if (server == null) {
            throw new IllegalStateException("the Milvus server runs only while its test class does");
        }
        return server.uri();
    }
}
