package dev.loupe.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code photo-ingested} event: a photo to index into a collection. Delivered at least once; the
 * indexer's upsert keyed by photo id and model id makes redelivery harmless. JSON form: {@link
 * PhotoIngestedJson}.
 *
 * @param eventId unique per event, for tracing and dedup of deliveries
 * @param imageUrl an absolute http, https or file URL
 * @param metadata never null ({@link PhotoMetadata#EMPTY} when given null)
 */
public record PhotoIngested(
        String eventId, String photoId, String collection, String imageUrl, PhotoMetadata metadata, Instant occurredAt)
        implements IngestEvent {

    public PhotoIngested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(imageUrl, "imageUrl");
        Objects.requireNonNull(occurredAt, "occurredAt");
        metadata = metadata == null ? PhotoMetadata.EMPTY : metadata;
    }

    @Override
    public String itemId() {
        return photoId;
    }

    /**
     * The photo to ingest, for {@link IngestPipeline#run} ({@code sink -> sink.accept(event.photoSource())}).
     *
     * @throws IllegalArgumentException when {@code imageUrl} is not an absolute http, https or file
     *     URL (never for an event {@link PhotoIngestedJson#read} returned)
     */
    public PhotoSource photoSource() {
        return new PhotoSource(photoId, Locations.parse(imageUrl), metadata);
    }
}
