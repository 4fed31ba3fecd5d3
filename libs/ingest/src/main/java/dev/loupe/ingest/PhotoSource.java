package dev.loupe.ingest;

import java.net.URI;
import java.util.Objects;

/**
 * One photo an import yields.
 *
 * @param photoId deterministic id, so that re-running an import updates rather than duplicates: the
 *     Unsplash {@code photo_id}; for a folder, the path relative to its root with {@code /}
 *     separators ({@code apple/img_01.jpg}); for a URL list, {@code url-} and the first 16 hex
 *     digits of the SHA-256 of the URL
 * @param location an http, https or file URI
 * @param metadata what the source says about the photo; {@link PhotoMetadata#EMPTY} when given null
 */
public record PhotoSource(String photoId, URI location, PhotoMetadata metadata) implements SourceItem {

    public PhotoSource {
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(location, "location");
        metadata = metadata == null ? PhotoMetadata.EMPTY : metadata;
    }
}
