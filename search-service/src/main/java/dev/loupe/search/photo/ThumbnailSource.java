package dev.loupe.search.photo;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the small JPEG of a photo is read from. The default has none; the ingest feature plugs in the
 * thumbnail store it writes while importing.
 */
public interface ThumbnailSource {

    /**
     * The JPEG thumbnail of a photo.
     *
     * @return its bytes, or empty when there is none
     * @throws IOException when the store cannot be read
     */
    Optional<byte[]> thumbnail(String collection, String photoId) throws IOException;
}
