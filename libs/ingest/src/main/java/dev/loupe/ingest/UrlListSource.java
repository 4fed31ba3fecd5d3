package dev.loupe.ingest;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/** A list of photo URLs; see {@link ImportSources#urls}. */
final class UrlListSource implements ImportSource {

    private static final String SOURCE = "url";

    private final List<String> urls;

    UrlListSource(List<String> urls) {
        this.urls = urls;
    }

    @Override
    public void read(Consumer<SourceItem> sink) {
        int count = 0;
        for (String entry : urls) {
            String url = entry.strip();
            if (url.isEmpty() || url.startsWith("#")) {
                continue;
            }
            if (++count > ImportSources.MAX_ITEMS) {
                sink.accept(new RejectedItem(
                        "URL list",
                        "the list holds more than " + ImportSources.MAX_ITEMS + " URLs; the rest is ignored"));
                return;
            }
            URI location;
            try {
                location = Locations.parse(url);
            } catch (IllegalArgumentException e) {
                sink.accept(new RejectedItem(Locations.abbreviate(url), e.getMessage()));
                continue;
            }
            PhotoMetadata metadata = new PhotoMetadata(null, null, null, null, null, null, SOURCE, null, null);
            sink.accept(new PhotoSource(Locations.urlPhotoId(url), location, metadata));
        }
    }
}
