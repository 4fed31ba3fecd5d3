package dev.loupe.search.imports;

import dev.loupe.encoders.image.ImageDecoder;
import dev.loupe.encoders.image.ImageLimits;
import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.FileThumbnailStore;
import dev.loupe.ingest.ImportRoots;
import dev.loupe.ingest.IngestOptions;
import dev.loupe.ingest.IngestPipeline;
import dev.loupe.ingest.PhotoEmbedder;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.ingest.PhotoPreparer;
import dev.loupe.ingest.ThumbnailStore;
import dev.loupe.search.config.FetchPolicies;
import dev.loupe.search.config.SearchConfig;
import dev.loupe.vectorstore.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Standalone wiring of the ingest library: the import pipeline over the shared model and vector store,
 * thumbnails as files under {@code <data-dir>/thumbnails}, and a fetcher that reads {@code file:} URLs
 * only under the import roots.
 */
@ApplicationScoped
public class IngestWiring {

    /** Subdirectory of the data directory holding the thumbnails. */
    static final String THUMBNAILS_DIR = "thumbnails";

    /**
     * Where records point for their thumbnail: served by the photo feature. It names the collection, as a
     * photo id is unique only within its collection.
     */
    static final String THUMBNAIL_URL = "/v1/photos/{id}/thumbnail?collection={collection}";

    private final SearchConfig config;

    IngestWiring(SearchConfig config) {
        this.config = config;
    }

    /** The directories imports may read under ({@code loupe.imports.roots}). */
    @Produces
    @Singleton
    ImportRoots importRoots() {
        return new ImportRoots(config.imports().roots(), "loupe.imports.roots");
    }

    @Produces
    @Singleton
    ThumbnailStore thumbnailStore() {
        return new FileThumbnailStore(
                config.dataDir().toAbsolutePath().normalize().resolve(THUMBNAILS_DIR));
    }

    /** Fetches imported photos and TSV files: {@code file:} only under the import roots. */
    @Produces
    @Singleton
    PhotoFetcher photoFetcher(ImportRoots roots) {
        return new PhotoFetcher(
                FetchPolicies.of(config.fetch(), config.fetch().maxBytes().asLongValue(), roots.directories()),
                AddressResolver.system());
    }

    @Produces
    @Singleton
    IngestPipeline pipeline(
            PhotoFetcher fetcher, PhotoEmbedder embedder, VectorStore store, ThumbnailStore thumbnails) {
        SearchConfig.Imports imports = config.imports();
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(
                config.fetch().maxBytes().asLongValue(), config.limits().maxImagePixels()));
        return new IngestPipeline(
                fetcher,
                new PhotoPreparer(decoder, imports.thumbnailEdge()),
                embedder,
                store,
                thumbnails,
                new IngestOptions(imports.batchSize(), imports.fetchConcurrency(), THUMBNAIL_URL));
    }
}
