package dev.loupe.indexer.config;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** How a batch of events is indexed ({@code loupe.indexing.*}). */
public interface IndexingConfig {

    /** Photos per embedding call and per store write within one batch of events. Default: 32. */
    @WithDefault("32")
    int batchSize();

    /** Photos fetched and decoded at the same time. Default: 8. */
    @WithDefault("8")
    int fetchConcurrency();

    /**
     * Directory of the JPEG thumbnails ({@code <dir>/<collection>/..}, a dev.loupe.ingest.FileThumbnailStore)
     * for a deployment whose search replicas share it; unset (the default): thumbnails go to PostgreSQL
     * (table {@code photo_thumbnail}), which every replica reads.
     */
    Optional<Path> thumbnailsDir();

    /** Longest edge of a thumbnail in pixels, 16 to 2048. Default: 256. */
    @WithDefault("256")
    int thumbnailEdge();

    /**
     * A record's {@code thumbnailUrl}: {@code {collection}} and {@code {id}} are replaced
     * (percent-encoded). Default: {@code /v1/photos/{id}/thumbnail?collection={collection}}
     * (search-service, any replica).
     */
    @WithDefault("/v1/photos/{id}/thumbnail?collection={collection}")
    String thumbnailUrl();
}
