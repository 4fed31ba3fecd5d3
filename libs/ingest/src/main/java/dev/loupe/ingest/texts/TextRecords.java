package dev.loupe.ingest.texts;

import dev.loupe.ingest.ContentHash;
import dev.loupe.vectorstore.texts.MetadataValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every text import format shares, once the format has found a record's fields: text
 * present and within its limit, the id (derived from the text when absent), field lengths, metadata
 * count and types.
 */
final class TextRecords {

    /** Longest id: what the stores' primary keys and the import items hold (Milvus VarChar(512)). */
    static final int MAX_ID_BYTES = 512;

    private final TextImportLimits limits;
    private final MetadataSchema schema;

    TextRecords(TextImportLimits limits, MetadataSchema schema) {
        this.limits = limits;
        this.schema = schema;
    }

    TextImportLimits limits() {
        return limits;
    }

    MetadataSchema schema() {
        return schema;
    }

    /** A record from its fields (null where absent), or the first rule it breaks. */
    TextImportItem build(
            long line, String rawId, String text, String answer, String title, Map<String, MetadataValue> metadata) {
        String id = rawId == null ? null : rawId.strip();
        if (text == null || text.isBlank()) {
            return reject(line, id, TextRecordError.Reason.EMPTY_TEXT, "line " + line + " has no text");
        }
        int textChars = text.codePointCount(0, text.length());
        if (textChars > limits.maxTextChars()) {
            return reject(
                    line,
                    id,
                    TextRecordError.Reason.TEXT_TOO_LONG,
                    "line " + line + ": the text is " + textChars + " characters long, more than the limit of "
                            + limits.maxTextChars());
        }
        if (id == null || id.isEmpty()) {
            // keyed by the text: importing the same text again replaces it instead of adding a copy
            id = ContentHash.sha256Hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        } else if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            return reject(
                    line,
                    null,
                    TextRecordError.Reason.MALFORMED,
                    "line " + line + ": the id is longer than " + MAX_ID_BYTES + " bytes of UTF-8");
        } else if (id.chars().anyMatch(Character::isISOControl)) {
            return reject(
                    line, null, TextRecordError.Reason.MALFORMED, "line " + line + ": the id holds control characters");
        }
        for (Map.Entry<String, String> field :
                Map.of("answer", nonNull(answer), "title", nonNull(title)).entrySet()) {
            if (tooLong(field.getValue())) {
                return reject(
                        line,
                        id,
                        TextRecordError.Reason.MALFORMED,
                        "line " + line + ": '" + field.getKey() + "' is longer than " + limits.maxFieldChars()
                                + " characters");
            }
        }
        if (metadata.size() > limits.maxMetadataFields()) {
            return reject(
                    line,
                    id,
                    TextRecordError.Reason.BAD_METADATA,
                    "line " + line + ": " + metadata.size() + " metadata fields, more than "
                            + limits.maxMetadataFields());
        }
        Optional<String> conflict = schema.conflict(metadata);
        if (conflict.isPresent()) {
            return reject(line, id, TextRecordError.Reason.BAD_METADATA, "line " + line + ": " + conflict.get());
        }
        schema.accept(metadata);
        return new TextImportItem.Parsed(new TextRecord(id, text, answer, title, metadata, line));
    }

    /** @throws IllegalArgumentException when a metadata string is over the field limit */
    void requireLength(String field, String value) {
        if (tooLong(value)) {
            throw new IllegalArgumentException(
                    "metadata field '" + field + "' is longer than " + limits.maxFieldChars() + " characters");
        }
    }

    /** @throws IllegalArgumentException when a tag list is over the limit */
    void requireTagCount(String field, int count) {
        if (count > limits.maxTags()) {
            throw new IllegalArgumentException(
                    "metadata field '" + field + "' has " + count + " tags, more than " + limits.maxTags());
        }
    }

    private boolean tooLong(String value) {
        return value.codePointCount(0, value.length()) > limits.maxFieldChars();
    }

    static TextImportItem reject(long line, String id, TextRecordError.Reason reason, String message) {
        return new TextImportItem.Rejected(new TextRecordError(line, id, reason, message));
    }

    /** Strict UTF-8 (a byte-order mark at the very start dropped), or empty when the bytes are not UTF-8. */
    static Optional<String> utf8(byte[] bytes, boolean first) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(first && text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
