package dev.loupe.ingest;

import java.time.Instant;

/**
 * An event on topic {@code photo-ingested}: a photo ({@link PhotoIngested}) or a text record
 * ({@link TextIngested}) to index into a collection. Delivered at least once; indexing is an upsert
 * keyed by the item's id, so redelivery is harmless. JSON form: {@link IngestEventJson}.
 */
public sealed interface IngestEvent permits PhotoIngested, TextIngested {

    /** Unique per event, for tracing. */
    String eventId();

    /** What the event indexes, unique within its collection: the photo id, the text record id. */
    String itemId();

    String collection();

    Instant occurredAt();
}
