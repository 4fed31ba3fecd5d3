package dev.loupe.search.imports;

import dev.loupe.jobs.ImportJob;
import dev.loupe.jobs.ImportRequest;
import dev.loupe.jobs.ImportService;
import dev.loupe.jobs.ImportSourceRequest;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.vectorstore.CollectionStats;
import dev.loupe.vectorstore.VectorStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The standalone start's demo: with {@code loupe.demo.import-on-start}, queues an import of the demo
 * photos when the default collection is empty, so that a newcomer has something to search.
 */
@ApplicationScoped
public class DemoImport {

    private static final Logger LOG = Logger.getLogger(DemoImport.class);

    private final SearchConfig config;
    private final ImportService imports;
    private final VectorStore store;
    private final String host;
    private final int port;

    DemoImport(
            SearchConfig config,
            ImportService imports,
            VectorStore store,
            @ConfigProperty(name = "quarkus.http.host") String host,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        this.config = config;
        this.imports = imports;
        this.store = store;
        this.host = host;
        this.port = port;
    }

    // after DefaultCollection made sure the collection exists
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (!config.demo().importOnStart() || config.mode() != SearchConfig.Mode.STANDALONE) {
            return;
        }
        String collection = config.defaultCollection();
        Optional<CollectionStats> stats = store.stats(collection);
        if (stats.isPresent() && stats.get().count() > 0) {
            LOG.infof(
                    "demo import skipped: collection '%s' already holds %d photos",
                    collection, stats.get().count());
            return;
        }
        ImportJob job;
        try {
            job = imports.submit(new ImportRequest(
                    new ImportSourceRequest(
                            "folder", config.demo().path().toAbsolutePath().toString(), null, null),
                    collection));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "demo import not started (loupe.demo.path %s): %s",
                    config.demo().path(), e.getMessage());
            return;
        }
        LOG.infof(
                "demo import %s queued (%s into '%s'); follow it at http://%s:%d/v1/imports/%s",
                job.id(), job.source(), collection, host, port, job.id());
    }
}
