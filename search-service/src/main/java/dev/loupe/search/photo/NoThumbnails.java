package dev.loupe.search.photo;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The {@link ThumbnailSource} used until an importer provides one: there are no thumbnails. */
@DefaultBean
@ApplicationScoped
public class NoThumbnails implements ThumbnailSource {

    @Override
    public Optional<byte[]> thumbnail(String collection, String photoId) {
        return Optional.empty();
    }
}
