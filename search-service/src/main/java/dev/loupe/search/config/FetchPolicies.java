package dev.loupe.search.config;

import dev.loupe.ingest.FetchPolicy;
import java.nio.file.Path;
import java.util.List;

/** Turns the {@code loupe.fetch.*} settings into the ingest library's {@link FetchPolicy}. */
public final class FetchPolicies {

    private static final String USER_AGENT = "Loupe/0.1 (+https://github.com/loupe)";

    private FetchPolicies() {}

    /**
     * @param maxBytes the byte limit of this use (at most {@code fetch.max-bytes} is applied)
     * @param fileRoots directories {@code file:} URLs may read under; empty refuses them
     */
    public static FetchPolicy of(SearchConfig.Fetch fetch, long maxBytes, List<Path> fileRoots) {
        return new FetchPolicy(
                fetch.connectTimeout(),
                fetch.readTimeout(),
                Math.min(maxBytes, fetch.maxBytes().asLongValue()),
                fetch.maxRedirects(),
                fetch.allowPrivateAddresses(),
                fileRoots,
                USER_AGENT);
    }
}
