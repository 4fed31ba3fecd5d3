package dev.loupe.search.imports;

import dev.loupe.ingest.ThumbnailStore;
import dev.loupe.search.photo.ThumbnailSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/** Serves the thumbnails imports wrote ({@code GET /v1/photos/{id}/thumbnail}). */
@ApplicationScoped
public class StoredThumbnails implements ThumbnailSource {

    private final ThumbnailStore store;

    StoredThumbnails(ThumbnailStore store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> thumbnail(String collection, String photoId) throws IOException {
        return store.get(collection, photoId);
    }
}
