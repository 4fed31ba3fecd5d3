package dev.loupe.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.ingest.texts.JsonlTextRecords;
import dev.loupe.ingest.texts.TextImportItem;
import dev.loupe.ingest.texts.TextImportLimits;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of every {@link IngestEvent}. A photo event is {@link PhotoIngestedJson}'s form (with
 * {@code "type": "photo-ingested"}, or no type: events written before text collections existed). A
 * text event is
 *
 * <pre>
 * {"type": "text-ingested", "eventId": "9b2f...", "collection": "qa", "line": 17,
 *  "record": {"id": "q1", "text": "...", "answer": "...", "metadata": {"subject": "math", "grade": 7}},
 *  "occurredAt": "2024-05-01T12:00:00Z"}
 * </pre>
 *
 * where {@code record} is a line of a JSONL import, checked as one ({@link JsonlTextRecords#fromJson})
 * against {@link #TEXT_LIMITS}, and {@code line} (optional) where the import read it.
 */
public final class IngestEventJson {

    public static final String PHOTO_TYPE = "photo-ingested";
    public static final String TEXT_TYPE = "text-ingested";

    /**
     * What a text event may carry: the most any import may be configured to accept (a text of 16,384
     * characters is at most 64 KiB of UTF-8, Milvus' VarChar limit).
     */
    public static final TextImportLimits TEXT_LIMITS =
            new TextImportLimits(PhotoIngestedJson.MAX_JSON_BYTES, 16_384, 4096, 64, 256);

    private IngestEventJson() {}

    /**
     * Parses and validates an event of either kind from UTF-8 bytes (a Kafka record's value).
     *
     * @throws InvalidEventException on malformed JSON, an unknown type or an invalid field, naming it
     */
    public static IngestEvent read(byte[] json) {
        JsonNode root = PhotoIngestedJson.tree(json);
        JsonNode type = root.get("type");
        if (type == null || type.isNull() || PHOTO_TYPE.equals(type.asText())) {
            return PhotoIngestedJson.fromTree(root);
        }
        if (TEXT_TYPE.equals(type.asText())) {
            return text(root);
        }
        throw new InvalidEventException(
                "type",
                "must be " + PHOTO_TYPE + " or " + TEXT_TYPE + ", got '" + Locations.abbreviate(type.asText()) + "'");
    }

    /** @see #read(byte[]) */
    public static IngestEvent read(String json) {
        if (json == null) {
            throw new InvalidEventException("$", "the event is empty");
        }
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The event as compact JSON; {@link #read} gives it back. */
    public static String write(IngestEvent event) {
        return switch (event) {
            case PhotoIngested photo -> PhotoIngestedJson.write(photo);
            case TextIngested text -> {
                ObjectNode root = PhotoIngestedJson.JSON
                        .createObjectNode()
                        .put("type", TEXT_TYPE)
                        .put("eventId", text.eventId())
                        .put("collection", text.collection());
                if (text.record().line() > 0) {
                    root.put("line", text.record().line());
                }
                root.set("record", JsonlTextRecords.toJson(text.record()));
                root.put("occurredAt", text.occurredAt().toString());
                try {
                    yield PhotoIngestedJson.JSON.writeValueAsString(root);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a JSON tree always serialises", e);
                }
            }
        };
    }

    private static TextIngested text(JsonNode root) {
        String collection = PhotoIngestedJson.collection(root);
        String eventId = PhotoIngestedJson.requiredText(root, "eventId", PhotoIngestedJson.MAX_ID_LENGTH);
        JsonNode lineNode = root.get("line");
        long line = 0;
        if (lineNode != null && !lineNode.isNull()) {
            if (!lineNode.isIntegralNumber() || lineNode.asLong() < 0) {
                throw new InvalidEventException("line", "must be a whole number of at least 0");
            }
            line = lineNode.asLong();
        }
        JsonNode record = root.get("record");
        if (record == null || !record.isObject()) {
            throw new InvalidEventException("record", "is required: the text record, as a line of a JSONL import");
        }
        TextImportItem item = JsonlTextRecords.fromJson(record, line, TEXT_LIMITS);
        return switch (item) {
            case TextImportItem.Parsed parsed ->
                new TextIngested(
                        eventId,
                        collection,
                        parsed.record(),
                        PhotoIngestedJson.instant(root.get("occurredAt"), "occurredAt", true));
            case TextImportItem.Rejected rejected ->
                throw new InvalidEventException("record", rejected.error().message());
        };
    }
}
