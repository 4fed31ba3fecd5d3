package dev.loupe.ingest;

import java.io.IOException;
import java.util.Optional;

/** Where thumbnails live, by collection and photo id. Implementations are thread-safe. */
public interface ThumbnailStore {

    /** Stores (or replaces) a photo's thumbnail; readers see the old or the new one, never a part. */
    void put(String collection, String photoId, byte[] jpeg) throws IOException;

    /** The thumbnail, or empty when there is none. */
    Optional<byte[]> get(String collection, String photoId) throws IOException;

    /**
     * Deletes every thumbnail of the collection; nothing happens when there are none.
     *
     * @throws java.io.UncheckedIOException when they cannot be deleted
     */
    void deleteCollection(String collection);
}
