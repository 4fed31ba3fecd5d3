package dev.loupe.indexer.pipeline;

import dev.loupe.database.PostgresThumbnailStore;
import dev.loupe.embedder.client.EmbedderClient;
import dev.loupe.embedder.client.RemotePhotoEmbedder;
import dev.loupe.embedder.client.RemoteTextEmbedder;
import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.indexer.config.FetchConfig;
import dev.loupe.indexer.config.IndexerConfig;
import dev.loupe.indexer.config.IndexingConfig;
import dev.loupe.indexer.config.MilvusConfig;
import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.EventProcessor;
import dev.loupe.ingest.EventRouter;
import dev.loupe.ingest.FetchPolicy;
import dev.loupe.ingest.FileThumbnailStore;
import dev.loupe.ingest.IngestEventProcessor;
import dev.loupe.ingest.IngestOptions;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.ingest.PhotoPreparer;
import dev.loupe.ingest.TextEventProcessor;
import dev.loupe.ingest.ThumbnailStore;
import dev.loupe.jobs.store.ImportStore;
import dev.loupe.vectorstore.IndexSettings;
import io.quarkus.arc.DefaultBean;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;

/**
 * The indexer's pipeline from configuration: the embedder-service client ({@code loupe.embedder.*}),
 * Milvus connected on first use ({@code loupe.milvus.*}), guarded fetching ({@code loupe.fetch.*}) and
 * thumbnails in PostgreSQL, where every search-service replica reads them (or as files under {@code
 * loupe.indexing.thumbnails-dir}). Nothing but the database is reached at startup.
 */
@ApplicationScoped
public class PipelineWiring {

    /** Sent with every photo fetch. */
    static final String USER_AGENT = "Loupe-indexer/0.1";

    private final IndexerConfig config;

    PipelineWiring(IndexerConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    EmbedderClient embedderClient() {
        return new EmbedderClient(config.embedder());
    }

    void closeEmbedderClient(@Disposes EmbedderClient client) {
        client.close();
    }

    @Produces
    @Singleton
    MilvusConnection milvus() {
        return new MilvusConnection(config.milvus());
    }

    void closeMilvus(@Disposes MilvusConnection milvus) {
        milvus.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    EventProcessor eventProcessor(EmbedderClient client, MilvusConnection milvus, Pool pool, ImportStore schema) {
        // the job store is asked for first: producing it migrates the schema the thumbnails' table is in
        RemotePhotoEmbedder embedder = RemotePhotoEmbedder.of(client, config.embedder());
        FetchConfig fetch = config.fetch();
        IndexingConfig indexing = config.indexing();
        long maxBytes = fetch.maxBytes().asLongValue();
        ThumbnailStore thumbnails = indexing.thumbnailsDir()
                .<ThumbnailStore>map(FileThumbnailStore::new)
                .orElseGet(
                        () -> new PostgresThumbnailStore(pool, config.imports().databaseTimeout()));
        IngestEventProcessor photos = new IngestEventProcessor(
                new PhotoFetcher(fetchPolicy(fetch, config.imports().roots()), AddressResolver.system()),
                new PhotoPreparer(
                        new ImageDecoder(new ImageLimits(maxBytes, fetch.maxImagePixels())), indexing.thumbnailEdge()),
                embedder,
                milvus,
                thumbnails,
                new IngestOptions(indexing.batchSize(), indexing.fetchConcurrency(), indexing.thumbnailUrl()),
                indexSettings(config.milvus().index()));
        return new EventRouter(photos, new TextEventProcessor(milvus::texts, new RemoteTextEmbedder(client)));
    }

    /** @param jobRoots where {@code file:} URLs may read when {@code loupe.fetch.file-roots} is unset */
    static FetchPolicy fetchPolicy(FetchConfig fetch, List<Path> jobRoots) {
        return new FetchPolicy(
                fetch.connectTimeout(),
                fetch.readTimeout(),
                fetch.maxBytes().asLongValue(),
                fetch.maxRedirects(),
                fetch.allowPrivateAddresses(),
                fetch.fileRoots().orElse(jobRoots),
                USER_AGENT);
    }

    static IndexSettings indexSettings(MilvusConfig.Index index) {
        return new IndexSettings(
                index.type(),
                index.m(),
                index.efConstruction(),
                index.efSearch(),
                index.nlist(),
                index.nprobe(),
                false);
    }
}
