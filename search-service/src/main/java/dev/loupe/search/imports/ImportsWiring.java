package dev.loupe.search.imports;

import dev.loupe.database.PostgresThumbnailStore;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.EventRouter;
import dev.loupe.ingest.FileThumbnailStore;
import dev.loupe.ingest.ImportPlanner;
import dev.loupe.ingest.ImportRequestException;
import dev.loupe.ingest.ImportRoots;
import dev.loupe.ingest.IngestEventProcessor;
import dev.loupe.ingest.IngestOptions;
import dev.loupe.ingest.PhotoEmbedder;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.ingest.PhotoPreparer;
import dev.loupe.ingest.TextEmbedder;
import dev.loupe.ingest.TextEventProcessor;
import dev.loupe.ingest.ThumbnailStore;
import dev.loupe.jobs.ImportMetrics;
import dev.loupe.jobs.ImportPlanners;
import dev.loupe.jobs.ImportRunner;
import dev.loupe.jobs.ImportService;
import dev.loupe.jobs.ItemProgress;
import dev.loupe.jobs.JobScheduler;
import dev.loupe.jobs.store.ImportStore;
import dev.loupe.search.config.FetchPolicies;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.search.store.CollectionCatalog;
import dev.loupe.search.texts.TextCollections;
import dev.loupe.vectorstore.IndexSettings;
import dev.loupe.vectorstore.UnknownCollectionException;
import dev.loupe.vectorstore.VectorStore;
import dev.loupe.vectorstore.texts.TextStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Wiring of imports over the shared job system (libs/import-jobs), by {@code loupe.mode}. Standalone:
 * jobs run here, their events indexed in process (the local model, the vector store, thumbnails as
 * files under {@code <data-dir>/thumbnails}); a job a crash cut off goes on at the next start.
 * Distributed: this replica records jobs in the shared database and indexer-service runs them through
 * Kafka; thumbnails are the ones the indexer writes to PostgreSQL. Either way {@code /v1/imports} looks
 * the same from every replica.
 */
@ApplicationScoped
public class ImportsWiring {

    /** Subdirectory of the data directory holding the thumbnails. */
    static final String THUMBNAILS_DIR = "thumbnails";

    /**
     * Where records point for their thumbnail: served by the photo feature. It names the collection, as a
     * photo id is unique only within its collection.
     */
    static final String THUMBNAIL_URL = "/v1/photos/{id}/thumbnail?collection={collection}";

    private final SearchConfig config;

    ImportsWiring(SearchConfig config) {
        this.config = config;
    }

    private boolean standalone() {
        return config.mode() == SearchConfig.Mode.STANDALONE;
    }

    /** The directories imports may read under ({@code loupe.imports.roots}). */
    @Produces
    @Singleton
    ImportRoots importRoots() {
        return new ImportRoots(config.imports().roots(), "loupe.imports.roots");
    }

    @Produces
    @Singleton
    ThumbnailStore thumbnailStore(Instance<Pool> pool) {
        if (standalone()) {
            return new FileThumbnailStore(
                    config.dataDir().toAbsolutePath().normalize().resolve(THUMBNAILS_DIR));
        }
        return new PostgresThumbnailStore(pool.get(), config.postgres().timeout());
    }

    @Produces
    @Singleton
    ImportStore importStore(Pool pool) {
        return new ImportStore(pool, config.imports().databaseTimeout());
    }

    /** Checks import sources; reads folders and TSV files under the import roots, TSV files by URL. */
    @Produces
    @Singleton
    ImportPlanner importPlanner() {
        return ImportPlanners.of(config.imports(), config.fetch().allowPrivateAddresses());
    }

    @Produces
    @Singleton
    ImportMetrics importMetrics(MeterRegistry registry) {
        return new ImportMetrics(registry);
    }

    /** The standalone runner: expands jobs and indexes their events in this process. */
    @Produces
    @Singleton
    ImportRunner importRunner(
            ImportStore store,
            ImportPlanner planner,
            ImportMetrics metrics,
            ImportRoots roots,
            PhotoEmbedder embedder,
            VectorStore vectors,
            ThumbnailStore thumbnails,
            TextStore texts,
            TextEmbedder textEmbedder) {
        SearchConfig.Imports imports = config.imports();
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(
                config.fetch().maxBytes().asLongValue(), config.limits().maxImagePixels()));
        IngestEventProcessor processor = new IngestEventProcessor(
                new PhotoFetcher(
                        FetchPolicies.of(
                                config.fetch(), config.fetch().maxBytes().asLongValue(), roots.directories()),
                        AddressResolver.system()),
                new PhotoPreparer(decoder, imports.thumbnailEdge()),
                embedder,
                () -> vectors,
                thumbnails,
                new IngestOptions(imports.batchSize(), imports.fetchConcurrency(), THUMBNAIL_URL),
                IndexSettings.DEFAULT);
        EventRouter router = new EventRouter(processor, new TextEventProcessor(() -> texts, textEmbedder));
        InProcessIndexer indexer = new InProcessIndexer(
                router, new ItemProgress(store, metrics), imports.batchSize(), imports.textBatchSize());
        return new ImportRunner(store, planner, indexer, metrics, imports);
    }

    void closeRunner(@Disposes ImportRunner runner) {
        runner.close();
    }

    /** Standalone: carries on the jobs the last stop cut off, then runs new ones as they come. */
    void startRunner(@Observes StartupEvent event, Instance<ImportRunner> runner) {
        if (standalone()) {
            runner.get().start();
        }
    }

    @Produces
    @Singleton
    ImportService importService(
            ImportStore store,
            ImportPlanner planner,
            Instance<ImportRunner> runner,
            CollectionCatalog collections,
            TextCollections texts) {
        JobScheduler scheduler = standalone() ? runner.get() : JobScheduler.ELSEWHERE;
        return new ImportService(store, planner, scheduler, config.imports(), (requested, textRecords) -> {
            if (textRecords) {
                // a text collection is created with its model first (POST /v1/collections)
                if (requested == null || requested.isBlank()) {
                    throw new ImportRequestException(
                            "collection", "a jsonl or csv import needs the text collection it goes into");
                }
                texts.require(requested);
                return requested;
            }
            String name = requested == null || requested.isBlank() ? collections.defaultCollection() : requested;
            if (texts.exists(name)) {
                throw new ImportRequestException(
                        "collection", "'" + name + "' is a text collection: import jsonl or csv into it, not photos");
            }
            try {
                collections.requireSearchable(name); // an existing one must fit the model
            } catch (UnknownCollectionException e) {
                // created by the import
            }
            return name;
        });
    }
}
