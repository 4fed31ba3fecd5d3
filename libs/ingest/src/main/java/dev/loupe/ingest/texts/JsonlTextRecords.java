package dev.loupe.ingest.texts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.vectorstore.texts.MetadataValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The records of a JSON Lines text import, one object per line:
 *
 * <pre>{"id": "q1", "text": "...", "answer": "...", "title": "...", "metadata": {"subject": "math", "grade": 7, "tags": ["algebra"]}}</pre>
 *
 * Every line becomes a {@link TextRecord} or a {@link TextRecordError} naming the line, the field and
 * the limit; blank lines are skipped. A line without an id gets the first 32 hex digits of its text's
 * SHA-256.
 */
public final class JsonlTextRecords extends TextImportReader {

    private static final Set<String> FIELDS = Set.of("id", "text", "answer", "title", "metadata");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final BoundedLines lines;
    private final TextRecords records;

    public JsonlTextRecords(InputStream in, TextImportLimits limits, MetadataSchema schema) {
        this.lines = new BoundedLines(in, limits.maxLineBytes());
        this.records = new TextRecords(limits, schema);
    }

    @Override
    TextImportItem read() {
        try {
            BoundedLines.Line line;
            while ((line = lines.next()) != null) {
                if (line.tooLong()) {
                    return TextRecords.reject(
                            line.number(),
                            null,
                            TextRecordError.Reason.LINE_TOO_LONG,
                            "line " + line.number() + " is " + line.length() + " bytes long, more than the limit of "
                                    + records.limits().maxLineBytes());
                }
                Optional<String> text = TextRecords.utf8(line.bytes(), line.number() == 1);
                if (text.isEmpty()) {
                    return TextRecords.reject(
                            line.number(),
                            null,
                            TextRecordError.Reason.INVALID_UTF8,
                            "line " + line.number() + " is not UTF-8");
                }
                if (!text.get().isBlank()) {
                    return parse(line.number(), text.get());
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import", e);
        }
    }

    private TextImportItem parse(long number, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return malformed(number, null, "line " + number + " is not JSON: " + e.getOriginalMessage());
        }
        return record(number, node, records);
    }

    /**
     * A record from its JSON object in the line format, with the same checks as an import line (a
     * {@code text-ingested} event carries one).
     *
     * @param line where the record was read, quoted in errors
     */
    public static TextImportItem fromJson(JsonNode node, long line, TextImportLimits limits) {
        return record(line, node, new TextRecords(limits, MetadataSchema.inferred()));
    }

    /** The line format of a record, which {@link #fromJson} reads back. */
    public static ObjectNode toJson(TextRecord record) {
        ObjectNode node = JSON.createObjectNode().put("id", record.id()).put("text", record.text());
        if (record.answer() != null) {
            node.put("answer", record.answer());
        }
        if (record.title() != null) {
            node.put("title", record.title());
        }
        if (!record.metadata().isEmpty()) {
            ObjectNode metadata = node.putObject("metadata");
            record.metadata().forEach((name, value) -> {
                switch (value) {
                    case MetadataValue.Text text -> metadata.put(name, text.value());
                    case MetadataValue.Integer integer -> metadata.put(name, integer.value());
                    case MetadataValue.Number number -> metadata.put(name, number.value());
                    case MetadataValue.Tags tags -> {
                        ArrayNode array = metadata.putArray(name);
                        tags.values().forEach(array::add);
                    }
                }
            });
        }
        return node;
    }

    private static TextImportItem record(long number, JsonNode node, TextRecords records) {
        if (!node.isObject()) {
            return malformed(number, null, "line " + number + " is not a JSON object");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return malformed(
                        number,
                        null,
                        "line " + number + ": unknown field '" + name
                                + "'; a line has id, text, answer, title and metadata");
            }
        }
        JsonNode idNode = node.path("id");
        if (present(idNode) && !idNode.isTextual() && !idNode.isIntegralNumber()) {
            return malformed(number, null, "line " + number + ": 'id' must be a string or an integer");
        }
        String id = present(idNode) ? idNode.asText() : null;
        for (String field : List.of("text", "answer", "title")) {
            if (present(node.path(field)) && !node.path(field).isTextual()) {
                return malformed(number, id, "line " + number + ": '" + field + "' must be a string");
            }
        }
        Map<String, MetadataValue> metadata = new LinkedHashMap<>();
        JsonNode metadataNode = node.path("metadata");
        if (present(metadataNode)) {
            if (!metadataNode.isObject()) {
                return TextRecords.reject(
                        number,
                        id,
                        TextRecordError.Reason.BAD_METADATA,
                        "line " + number + ": 'metadata' must be an object");
            }
            for (var fields = metadataNode.properties().iterator(); fields.hasNext(); ) {
                var field = fields.next();
                try {
                    MetadataSchema.requireName(field.getKey());
                    value(records, field.getKey(), field.getValue()).ifPresent(v -> metadata.put(field.getKey(), v));
                } catch (IllegalArgumentException e) {
                    return TextRecords.reject(
                            number, id, TextRecordError.Reason.BAD_METADATA, "line " + number + ": " + e.getMessage());
                }
            }
        }
        return records.build(number, id, text(node, "text"), text(node, "answer"), text(node, "title"), metadata);
    }

    private static Optional<MetadataValue> value(TextRecords records, String field, JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            records.requireLength(field, value.asText());
            return Optional.of(new MetadataValue.Text(value.asText()));
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(new MetadataValue.Integer(value.asLong()));
        }
        if (value.isFloatingPointNumber() && Double.isFinite(value.asDouble())) {
            return Optional.of(new MetadataValue.Number(value.asDouble()));
        }
        if (value.isArray()) {
            records.requireTagCount(field, value.size());
            List<String> tags = new ArrayList<>();
            for (JsonNode tag : value) {
                if (!tag.isTextual()) {
                    throw new IllegalArgumentException(
                            "metadata field '" + field + "' must be a list of strings, it holds " + kind(tag));
                }
                records.requireLength(field, tag.asText());
                tags.add(tag.asText());
            }
            return Optional.of(new MetadataValue.Tags(tags));
        }
        throw new IllegalArgumentException("metadata field '" + field + "' is " + kind(value)
                + "; a value is a string, a number or a list of strings");
    }

    private static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static TextImportItem malformed(long line, String id, String message) {
        return TextRecords.reject(line, id, TextRecordError.Reason.MALFORMED, message);
    }
}
