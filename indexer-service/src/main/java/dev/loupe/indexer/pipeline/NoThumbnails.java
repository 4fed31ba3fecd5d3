package dev.loupe.indexer.pipeline;

import dev.loupe.ingest.ThumbnailStore;
import java.util.Optional;

/** Keeps no thumbnails: the store when {@code loupe.indexing.thumbnails-dir} is unset. */
final class NoThumbnails implements ThumbnailStore {

    @Override
    public void put(String collection, String photoId, byte[] jpeg) {
        // nothing kept: records carry no thumbnail URL either
    }

    @Override
    public Optional<byte[]> get(String collection, String photoId) {
        return Optional.empty();
    }

    @Override
    public void deleteCollection(String collection) {
        // nothing kept
    }
}
