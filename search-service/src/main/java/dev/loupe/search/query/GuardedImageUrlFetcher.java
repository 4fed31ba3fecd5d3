package dev.loupe.search.query;

import dev.loupe.ingest.AddressResolver;
import dev.loupe.ingest.FetchException;
import dev.loupe.ingest.PhotoFetcher;
import dev.loupe.search.config.FetchPolicies;
import dev.loupe.search.config.SearchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;

/**
 * Fetches a query's {@code imageUrl} with the ingest library's {@link PhotoFetcher}: internal addresses
 * refused (unless {@code loupe.fetch.allow-private-addresses}), every redirect re-checked, time and
 * bytes bounded ({@code loupe.limits.max-image-bytes}), no {@code file:} URLs.
 */
@ApplicationScoped
public class GuardedImageUrlFetcher implements ImageUrlFetcher {

    private final PhotoFetcher fetcher;

    GuardedImageUrlFetcher(SearchConfig config) {
        this.fetcher = new PhotoFetcher(
                FetchPolicies.of(config.fetch(), config.limits().maxImageBytes().asLongValue(), List.of()),
                AddressResolver.system());
    }

    @Override
    public byte[] fetch(URI location) {
        try {
            return fetcher.fetch(location).bytes();
        } catch (FetchException e) {
            ImageUrlException.Reason reason =
                    switch (e.reason()) {
                        case REFUSED_ADDRESS, REFUSED_SCHEME, REFUSED_PATH -> ImageUrlException.Reason.REFUSED;
                        case TOO_LARGE -> ImageUrlException.Reason.TOO_LARGE;
                        default -> ImageUrlException.Reason.FAILED;
                    };
            throw new ImageUrlException(reason, e.getMessage(), e);
        }
    }
}
