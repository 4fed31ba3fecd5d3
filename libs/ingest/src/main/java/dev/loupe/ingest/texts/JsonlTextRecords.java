package dev.loupe.ingest.texts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.loupe.ingest.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The records of a JSON Lines text import, one object per line:
 *
 * <pre>{"id": "q1", "text": "...", "answer": "...", "title": "...", "metadata": {"subject": "math", "grade": 7, "tags": ["algebra"]}}</pre>
 *
 * Every line becomes a {@link TextRecord} or a {@link TextRecordError} naming the line, the field and
 * the limit; blank lines are skipped. A line without an id gets the first 32 hex digits of its text's
 * SHA-256, so that importing the same text again replaces it instead of adding a copy.
 */
public final class JsonlTextRecords implements Iterator<JsonlTextRecords.Item> {

    /** One line's outcome. */
    public sealed interface Item {}

    public record Parsed(TextRecord record) implements Item {}

    public record Rejected(TextRecordError error) implements Item {}

    private static final Set<String> FIELDS = Set.of("id", "text", "answer", "title", "metadata");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final BoundedLines lines;
    private final TextImportLimits limits;
    private final MetadataSchema schema;
    private Item next;

    public JsonlTextRecords(InputStream in, TextImportLimits limits, MetadataSchema schema) {
        this.lines = new BoundedLines(in, limits.maxLineBytes());
        this.limits = limits;
        this.schema = schema;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public Item next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Item item = next;
        next = null;
        return item;
    }

    private Item read() {
        try {
            BoundedLines.Line line;
            while ((line = lines.next()) != null) {
                if (line.tooLong()) {
                    return reject(
                            line.number(),
                            null,
                            TextRecordError.Reason.LINE_TOO_LONG,
                            "line " + line.number() + " is " + line.length() + " bytes long, more than the limit of "
                                    + limits.maxLineBytes());
                }
                String text;
                try {
                    text = StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(line.bytes()))
                            .toString();
                } catch (CharacterCodingException e) {
                    return reject(
                            line.number(),
                            null,
                            TextRecordError.Reason.INVALID_UTF8,
                            "line " + line.number() + " is not UTF-8");
                }
                if (line.number() == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    return parse(line.number(), text);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import", e);
        }
    }

    private Item parse(long number, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return reject(
                    number,
                    null,
                    TextRecordError.Reason.MALFORMED,
                    "line " + number + " is not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            return reject(number, null, TextRecordError.Reason.MALFORMED, "line " + number + " is not a JSON object");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return reject(
                        number,
                        null,
                        TextRecordError.Reason.MALFORMED,
                        "line " + number + ": unknown field '" + name
                                + "'; a line has id, text, answer, title and metadata");
            }
        }
        String rawId = null;
        JsonNode idNode = node.path("id");
        if (idNode.isTextual() || idNode.isIntegralNumber()) {
            rawId = idNode.asText().strip();
        } else if (!idNode.isMissingNode() && !idNode.isNull()) {
            return reject(
                    number,
                    null,
                    TextRecordError.Reason.MALFORMED,
                    "line " + number + ": 'id' must be a string or an integer");
        }
        String id = rawId;
        JsonNode textNode = node.path("text");
        if (!textNode.isMissingNode() && !textNode.isNull() && !textNode.isTextual()) {
            return reject(number, id, TextRecordError.Reason.MALFORMED, "line " + number + ": 'text' must be a string");
        }
        String text = textNode.isTextual() ? textNode.asText() : "";
        if (text.isBlank()) {
            return reject(number, id, TextRecordError.Reason.EMPTY_TEXT, "line " + number + " has no text");
        }
        int textChars = text.codePointCount(0, text.length());
        if (textChars > limits.maxTextChars()) {
            return reject(
                    number,
                    id,
                    TextRecordError.Reason.TEXT_TOO_LONG,
                    "line " + number + ": the text is " + textChars + " characters long, more than the limit of "
                            + limits.maxTextChars());
        }
        if (id == null || id.isEmpty()) {
            id = ContentHash.sha256Hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        } else if (tooLong(id)) {
            return reject(
                    number,
                    null,
                    TextRecordError.Reason.MALFORMED,
                    "line " + number + ": the id is longer than " + limits.maxFieldChars() + " characters");
        }
        Optional<String> answer = optionalString(node, "answer");
        Optional<String> title = optionalString(node, "title");
        for (String field : List.of("answer", "title")) {
            JsonNode value = node.path(field);
            if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
                return reject(
                        number,
                        id,
                        TextRecordError.Reason.MALFORMED,
                        "line " + number + ": '" + field + "' must be a string");
            }
            if (value.isTextual() && tooLong(value.asText())) {
                return reject(
                        number,
                        id,
                        TextRecordError.Reason.MALFORMED,
                        "line " + number + ": '" + field + "' is longer than " + limits.maxFieldChars()
                                + " characters");
            }
        }
        Map<String, MetadataValue> metadata = new LinkedHashMap<>();
        JsonNode metadataNode = node.path("metadata");
        if (!metadataNode.isMissingNode() && !metadataNode.isNull()) {
            if (!metadataNode.isObject()) {
                return reject(
                        number,
                        id,
                        TextRecordError.Reason.BAD_METADATA,
                        "line " + number + ": 'metadata' must be an object");
            }
            if (metadataNode.size() > limits.maxMetadataFields()) {
                return reject(
                        number,
                        id,
                        TextRecordError.Reason.BAD_METADATA,
                        "line " + number + ": " + metadataNode.size() + " metadata fields, more than "
                                + limits.maxMetadataFields());
            }
            for (var fields = metadataNode.properties().iterator(); fields.hasNext(); ) {
                var field = fields.next();
                try {
                    MetadataSchema.requireName(field.getKey());
                    value(field.getKey(), field.getValue()).ifPresent(v -> metadata.put(field.getKey(), v));
                } catch (IllegalArgumentException e) {
                    return reject(
                            number, id, TextRecordError.Reason.BAD_METADATA, "line " + number + ": " + e.getMessage());
                }
            }
        }
        Optional<String> conflict = schema.conflict(metadata);
        if (conflict.isPresent()) {
            return reject(number, id, TextRecordError.Reason.BAD_METADATA, "line " + number + ": " + conflict.get());
        }
        schema.accept(metadata);
        return new Parsed(new TextRecord(id, text, answer.orElse(null), title.orElse(null), metadata, number));
    }

    private Optional<MetadataValue> value(String field, JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            requireLength(field, value.asText());
            return Optional.of(new MetadataValue.Text(value.asText()));
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(new MetadataValue.Integer(value.asLong()));
        }
        if (value.isFloatingPointNumber() && Double.isFinite(value.asDouble())) {
            return Optional.of(new MetadataValue.Number(value.asDouble()));
        }
        if (value.isArray()) {
            if (value.size() > limits.maxTags()) {
                throw new IllegalArgumentException(
                        "metadata field '" + field + "' has " + value.size() + " tags, more than " + limits.maxTags());
            }
            List<String> tags = new ArrayList<>();
            for (JsonNode tag : value) {
                if (!tag.isTextual()) {
                    throw new IllegalArgumentException(
                            "metadata field '" + field + "' must be a list of strings, it holds "
                                    + tag.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                }
                requireLength(field, tag.asText());
                tags.add(tag.asText());
            }
            return Optional.of(new MetadataValue.Tags(tags));
        }
        throw new IllegalArgumentException("metadata field '" + field + "' is "
                + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + "; a value is a string, a number or a list of strings");
    }

    private void requireLength(String field, String value) {
        if (tooLong(value)) {
            throw new IllegalArgumentException(
                    "metadata field '" + field + "' is longer than " + limits.maxFieldChars() + " characters");
        }
    }

    private boolean tooLong(String value) {
        return value.codePointCount(0, value.length()) > limits.maxFieldChars();
    }

    private static Optional<String> optionalString(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Item reject(long line, String id, TextRecordError.Reason reason, String message) {
        return new Rejected(new TextRecordError(line, id, reason, message));
    }
}
