package dev.loupe.indexer.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Limits of every photo fetch ({@code loupe.fetch.*}, the keys of search-service's {@code
 * loupe.fetch.*}); they become a dev.loupe.ingest.FetchPolicy.
 */
public interface FetchConfig {

    /** Longest wait for a TCP connection. Default: 5s. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Total deadline of one fetch, redirects and body included. Default: 30s. */
    @WithDefault("30s")
    Duration readTimeout();

    /** Largest photo fetched, in bytes (also the decoder's byte limit). Default: 20M. */
    @WithDefault("20M")
    MemorySize maxBytes();

    /** Redirects one fetch follows, each hop checked again. Default: 5. */
    @WithDefault("5")
    int maxRedirects();

    /**
     * Whether hosts resolving to loopback, private, link-local or cloud-metadata addresses may be
     * fetched. Keep false where events come from others. Default: false.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /**
     * Directories {@code file:} image URLs may read under. Default: {@code loupe.imports.roots}, the
     * directories folder imports read, whose events carry {@code file:} URLs.
     */
    Optional<List<Path>> fileRoots();

    /**
     * Most pixels of a decoded photo (width x height, read from the header before decoding: bombs
     * fail alone). Default: 50000000.
     */
    @WithDefault("50000000")
    long maxImagePixels();
}
