package dev.loupe.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The limits every fetch obeys.
 *
 * @param connectTimeout the longest wait for one TCP connection (and TLS handshake start)
 * @param readTimeout the total deadline of one fetch, redirects and body included: a server that
 *     drips bytes cannot hold a fetch longer than this
 * @param maxBytes the largest body accepted, checked against {@code Content-Length} up front and
 *     while streaming
 * @param maxRedirects how many redirects one fetch follows (0 refuses every redirect)
 * @param allowPrivateAddresses when false, hosts resolving to loopback, private, link-local, CGNAT,
 *     unique-local, multicast, unspecified or cloud-metadata addresses are refused
 * @param fileRoots the directories {@code file:} URLs may read under; empty refuses every {@code
 *     file:} URL
 * @param userAgent the {@code User-Agent} header sent
 */
public record FetchPolicy(
        Duration connectTimeout,
        Duration readTimeout,
        long maxBytes,
        int maxRedirects,
        boolean allowPrivateAddresses,
        List<Path> fileRoots,
        String userAgent) {

    private static final int MAX_REDIRECTS_LIMIT = 20; // browsers stop at about 20

    public FetchPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("fetch timeouts must be positive");
        }
        if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must be between 1 and " + (Integer.MAX_VALUE - 8));
        }
        if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS_LIMIT) {
            throw new IllegalArgumentException("maxRedirects must be between 0 and " + MAX_REDIRECTS_LIMIT);
        }
        fileRoots = fileRoots == null ? List.of() : List.copyOf(fileRoots);
        if (userAgent == null || userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7E)) {
            throw new IllegalArgumentException("userAgent must be printable ASCII and not blank");
        }
    }

    /**
     * 5 s to connect, 30 s per fetch, 20 MiB (the decoder's default byte limit), 5 redirects, private
     * addresses refused, no file roots.
     */
    public static FetchPolicy defaults() {
        return new FetchPolicy(
                Duration.ofSeconds(5), Duration.ofSeconds(30), 20L * 1024 * 1024, 5, false, List.of(), "Loupe/0.1");
    }
}
