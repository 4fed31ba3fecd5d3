package dev.loupe.indexer.kafka;

import dev.loupe.ingest.PhotoIngested;
import dev.loupe.ingest.PhotoIngestedJson;
import dev.loupe.ingest.PhotoMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/** Valid and malformed {@code photo-ingested} events for tests. */
final class Events {

    static final Instant OCCURRED = Instant.parse("2024-05-01T12:00:00Z");

    private Events() {}

    static PhotoIngested photo(String photoId) {
        return new PhotoIngested(
                "event-" + photoId,
                photoId,
                "photos",
                "https://images.example.com/" + photoId + ".jpg",
                PhotoMetadata.EMPTY,
                OCCURRED);
    }

    static byte[] json(PhotoIngested event) {
        return PhotoIngestedJson.write(event).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(String photoId) {
        return json(photo(photoId));
    }

    static byte[] notJson() {
        return "{\"eventId\": \"e1\", \"photoId\": ".getBytes(StandardCharsets.UTF_8);
    }

    static byte[] missingPhotoId() {
        return ("{\"eventId\":\"e2\",\"collection\":\"photos\",\"imageUrl\":\"https://images.example.com/a.jpg\","
                        + "\"occurredAt\":\"2024-05-01T12:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] badUrl() {
        return ("{\"eventId\":\"e3\",\"photoId\":\"p3\",\"collection\":\"photos\",\"imageUrl\":\"gopher://x/y\","
                        + "\"occurredAt\":\"2024-05-01T12:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A record as a consumer would receive it (partition 0 unless given). */
    static ConsumerRecord<String, byte[]> record(
            String topic, int partition, long offset, String key, byte[] value, Headers headers) {
        return new ConsumerRecord<>(
                topic, partition, offset, 0L, TimestampType.CREATE_TIME, -1, -1, key, value, headers, Optional.empty());
    }

    /** Larger than {@link PhotoIngestedJson#MAX_JSON_BYTES}. */
    static byte[] oversize() {
        byte[] bytes = new byte[PhotoIngestedJson.MAX_JSON_BYTES + 1];
        java.util.Arrays.fill(bytes, (byte) ' ');
        bytes[0] = '{';
        bytes[bytes.length - 1] = '}';
        return bytes;
    }
}
