package dev.loupe.search.query;

import java.net.URI;

/**
 * Fetches the image of a query's {@code imageUrl}. Only a guarded fetcher may implement this: one that
 * refuses private, loopback and link-local addresses (re-checked on every redirect), and bounds
 * time and bytes: {@link GuardedImageUrlFetcher}.
 */
public interface ImageUrlFetcher {

    /**
     * @param location an absolute http or https URI (checked by the caller)
     * @return the encoded image bytes
     * @throws ImageUrlException when the URL is refused or cannot be fetched
     */
    byte[] fetch(URI location);
}
