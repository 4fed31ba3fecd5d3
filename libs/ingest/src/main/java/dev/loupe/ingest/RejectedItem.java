package dev.loupe.ingest;

import java.util.Objects;

/**
 * An entry of an import that could not become a photo (a TSV row without a URL, a line that is not
 * a URL).
 *
 * @param source names the entry for a person ({@code "photos.tsv line 17"}, the URL text)
 * @param reason why it was refused, for a person
 */
public record RejectedItem(String source, String reason) implements SourceItem {

    public RejectedItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }
}
