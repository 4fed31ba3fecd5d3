package dev.loupe.ingest;

import dev.loupe.ingest.texts.TextRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A text record to index into a text collection (a question with its answer and metadata). JSON form:
 * {@link IngestEventJson}, with {@code "type": "text-ingested"}.
 */
public record TextIngested(String eventId, String collection, TextRecord record, Instant occurredAt)
        implements IngestEvent {

    public TextIngested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    @Override
    public String itemId() {
        return record.id();
    }
}
