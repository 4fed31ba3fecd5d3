package dev.loupe.search.query;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/** The default {@link ImageUrlFetcher}: fetches nothing, so that no unguarded fetch exists. */
@DefaultBean
@ApplicationScoped
public class DisabledImageUrlFetcher implements ImageUrlFetcher {

    @Override
    public byte[] fetch(URI location) {
        throw new ImageUrlException(
                ImageUrlException.Reason.NOT_ENABLED, "imageUrl fetching not enabled in this deployment");
    }
}
