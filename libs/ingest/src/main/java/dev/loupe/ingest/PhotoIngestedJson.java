package dev.loupe.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.vectorstore.CollectionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of {@link PhotoIngested}, both ways:
 *
 * <pre>
 * {"eventId": "9b2f...", "photoId": "abc123", "collection": "unsplash",
 *  "imageUrl": "https://images.example.com/abc123.jpg",
 *  "metadata": {"title": "...", "description": "...", "tags": ["lake"], "width": 4000, "height": 3000,
 *               "author": "jane", "source": "unsplash", "takenAt": "2021-01-06T10:54:53Z",
 *               "photo_location_country": "Norway"},
 *  "occurredAt": "2024-05-01T12:00:00Z"}
 * </pre>
 *
 * {@code metadata} is optional; its fields other than the known ones are extra string fields
 * (numbers and booleans are kept as their text; an {@code "extra"} object is merged in too). Dates
 * are ISO-8601 with {@code Z} or an offset. Unknown top-level fields are ignored, so that producers
 * may add some. Everything is bounded; every rejection is an {@link InvalidEventException} naming the
 * field.
 */
public final class PhotoIngestedJson {

    /** A real event is under 4 KB; this leaves room for long descriptions and many extra fields. */
    public static final int MAX_JSON_BYTES = 1024 * 1024;

    static final int MAX_ID_LENGTH = 512;
    private static final int MAX_TEXT_LENGTH = 16 * 1024;
    private static final int MAX_TAGS = 256;
    private static final int MAX_TAG_LENGTH = 256;
    private static final int MAX_EXTRA = 128;
    private static final int MAX_EXTRA_KEY_LENGTH = 128;
    private static final int MAX_EXTRA_VALUE_LENGTH = 4096;
    private static final int MAX_DIMENSION = 1_000_000; // pixels per side

    private static final String EXTRA = "extra";
    private static final Set<String> KNOWN_METADATA =
            Set.of("title", "description", "tags", "width", "height", "author", "source", "takenAt", EXTRA);

    // duplicate keys are an error, not "last wins"; an event is shallow, so nesting is cut off early
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(8).build())
                    .build())
            .build();

    private PhotoIngestedJson() {}

    /**
     * Parses and validates an event.
     *
     * @throws InvalidEventException on malformed JSON or an invalid field, naming it
     */
    public static PhotoIngested read(String json) {
        if (json == null) {
            throw new InvalidEventException("$", "the event is empty");
        }
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses and validates an event from UTF-8 bytes (a Kafka record's value).
     *
     * @throws InvalidEventException on malformed JSON or an invalid field, naming it
     */
    public static PhotoIngested read(byte[] json) {
        return fromTree(tree(json));
    }

    /**
     * The JSON object of an event, any kind, bounded in size and nesting.
     *
     * @throws InvalidEventException on malformed JSON, too many bytes, or not an object
     */
    static JsonNode tree(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException("$", "the event is empty");
        }
        if (json.length > MAX_JSON_BYTES) {
            throw new InvalidEventException("$", "the event is larger than " + MAX_JSON_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("$", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("$", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("$", "must be a JSON object");
        }
        return root;
    }

    /** A photo event from its JSON object. */
    static PhotoIngested fromTree(JsonNode root) {
        String collection = collection(root);
        String imageUrl = requiredText(root, "imageUrl", Locations.MAX_LENGTH);
        try {
            Locations.parse(imageUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("imageUrl", e.getMessage());
        }
        return new PhotoIngested(
                requiredText(root, "eventId", MAX_ID_LENGTH),
                requiredText(root, "photoId", MAX_ID_LENGTH),
                collection,
                imageUrl,
                metadata(root.get("metadata")),
                instant(root.get("occurredAt"), "occurredAt", true));
    }

    /** The event's collection, checked against the stores' naming rule. */
    static String collection(JsonNode root) {
        String collection = requiredText(root, "collection", MAX_ID_LENGTH);
        try {
            CollectionSpec.of(collection, 2);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("collection", e.getMessage());
        }
        return collection;
    }

    /** The event as compact JSON; {@link #read} gives it back. */
    public static String write(PhotoIngested event) {
        ObjectNode root = JSON.createObjectNode()
                .put("eventId", event.eventId())
                .put("photoId", event.photoId())
                .put("collection", event.collection())
                .put("imageUrl", event.imageUrl());
        PhotoMetadata metadata = event.metadata();
        if (!metadata.equals(PhotoMetadata.EMPTY)) {
            root.set("metadata", metadata(metadata));
        }
        root.put("occurredAt", event.occurredAt().toString());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ObjectNode metadata(PhotoMetadata metadata) {
        ObjectNode node = JSON.createObjectNode();
        putIfPresent(node, "title", metadata.title());
        putIfPresent(node, "description", metadata.description());
        if (!metadata.tags().isEmpty()) {
            ArrayNode tags = node.putArray("tags");
            metadata.tags().forEach(tags::add);
        }
        if (metadata.width() != null) {
            node.put("width", metadata.width());
        }
        if (metadata.height() != null) {
            node.put("height", metadata.height());
        }
        putIfPresent(node, "author", metadata.author());
        putIfPresent(node, "source", metadata.source());
        if (metadata.takenAt() != null) {
            node.put("takenAt", metadata.takenAt().toString());
        }
        ObjectNode nested = JSON.createObjectNode();
        metadata.extra().forEach((key, value) -> (KNOWN_METADATA.contains(key) ? nested : node).put(key, value));
        if (!nested.isEmpty()) {
            node.set(EXTRA, nested); // extra keys that share a known field's name
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static PhotoMetadata metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return PhotoMetadata.EMPTY;
        }
        if (!node.isObject()) {
            throw new InvalidEventException("metadata", "must be an object");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        JsonNode nested = node.get(EXTRA);
        if (nested != null && !nested.isNull()) {
            if (!nested.isObject()) {
                throw new InvalidEventException("metadata.extra", "must be an object of strings");
            }
            collectExtra(nested, "metadata.extra.", extra);
        }
        collectExtra(node, "metadata.", extra);
        return new PhotoMetadata(
                optionalText(node, "metadata.", "title", MAX_TEXT_LENGTH),
                optionalText(node, "metadata.", "description", MAX_TEXT_LENGTH),
                tags(node.get("tags")),
                dimension(node, "width"),
                dimension(node, "height"),
                optionalText(node, "metadata.", "author", MAX_TEXT_LENGTH),
                optionalText(node, "metadata.", "source", MAX_TEXT_LENGTH),
                instant(node.get("takenAt"), "metadata.takenAt", false),
                extra);
    }

    private static void collectExtra(JsonNode object, String prefix, Map<String, String> extra) {
        boolean topLevel = prefix.equals("metadata.");
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if ((topLevel && KNOWN_METADATA.contains(key)) || value.isNull()) {
                continue;
            }
            String path = prefix + key;
            if (!value.isValueNode()) {
                throw new InvalidEventException(path, "extra metadata fields must be strings, numbers or booleans");
            }
            if (key.isEmpty() || key.length() > MAX_EXTRA_KEY_LENGTH) {
                throw new InvalidEventException(
                        path, "extra field names must have 1 to " + MAX_EXTRA_KEY_LENGTH + " characters");
            }
            String text = value.asText();
            if (text.length() > MAX_EXTRA_VALUE_LENGTH) {
                throw new InvalidEventException(path, "must be at most " + MAX_EXTRA_VALUE_LENGTH + " characters");
            }
            extra.put(key, text);
            if (extra.size() > MAX_EXTRA) {
                throw new InvalidEventException(path, "at most " + MAX_EXTRA + " extra metadata fields are allowed");
            }
        }
    }

    private static List<String> tags(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidEventException("metadata.tags", "must be an array of strings");
        }
        if (node.size() > MAX_TAGS) {
            throw new InvalidEventException("metadata.tags", "at most " + MAX_TAGS + " tags are allowed");
        }
        List<String> tags = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode tag = node.get(i);
            String path = "metadata.tags[" + i + "]";
            if (!tag.isTextual() || tag.asText().isBlank()) {
                throw new InvalidEventException(path, "must be a non-blank string");
            }
            if (tag.asText().length() > MAX_TAG_LENGTH) {
                throw new InvalidEventException(path, "must be at most " + MAX_TAG_LENGTH + " characters");
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    private static Integer dimension(JsonNode metadata, String field) {
        JsonNode node = metadata.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1 || node.asInt() > MAX_DIMENSION) {
            throw new InvalidEventException(
                    "metadata." + field, "must be a whole number of pixels from 1 to " + MAX_DIMENSION);
        }
        return node.asInt();
    }

    static Instant instant(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidEventException(path, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(path, "must be an ISO-8601 date-time string");
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(
                    path,
                    "'" + Locations.abbreviate(node.asText()) + "' is not an ISO-8601 date-time with Z or an"
                            + " offset (e.g. 2024-05-01T12:00:00Z)");
        }
    }

    static String requiredText(JsonNode root, String field, int maxLength) {
        String text = optionalText(root, "", field, maxLength);
        if (text == null || text.isBlank()) {
            throw new InvalidEventException(field, "is required and must not be blank");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidEventException(field, "must not contain control characters");
        }
        return text;
    }

    private static String optionalText(JsonNode object, String prefix, String field, int maxLength) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(prefix + field, "must be a string");
        }
        String text = node.asText();
        if (text.length() > maxLength) {
            throw new InvalidEventException(prefix + field, "must be at most " + maxLength + " characters");
        }
        return text;
    }
}
