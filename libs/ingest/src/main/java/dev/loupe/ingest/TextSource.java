package dev.loupe.ingest;

import dev.loupe.ingest.texts.TextRecord;
import java.util.Objects;

/**
 * One text record a JSONL or CSV import yields.
 *
 * @param location where it was read, for a person ({@code qa.jsonl line 17})
 */
public record TextSource(TextRecord record, String location) implements SourceItem {

    public TextSource {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(location, "location");
    }
}
