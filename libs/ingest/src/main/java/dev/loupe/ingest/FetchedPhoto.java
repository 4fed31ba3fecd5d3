package dev.loupe.ingest;

import java.net.URI;
import java.util.Objects;

/**
 * The bytes of a fetched photo.
 *
 * @param location where the bytes came from: the final URL after redirects, or the file's URI
 * @param bytes the whole body, at most {@link FetchPolicy#maxBytes()}
 * @param contentType the server's {@code Content-Type}, or a guess from the file name; may be null
 */
public record FetchedPhoto(URI location, byte[] bytes, String contentType) {

    public FetchedPhoto {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(bytes, "bytes");
    }
}
