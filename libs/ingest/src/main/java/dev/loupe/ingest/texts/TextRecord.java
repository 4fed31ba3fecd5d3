package dev.loupe.ingest.texts;

import dev.loupe.vectorstore.texts.MetadataValue;
import java.util.Map;
import java.util.Objects;

/**
 * One record of a text collection: a question with its answer, say.
 *
 * @param id unique within the collection; a re-import with the same id replaces the record
 * @param text what is embedded and searched
 * @param answer optional, shown with the hit
 * @param title optional
 * @param metadata filterable fields (subject, grade, difficulty, tags…), in the order read
 * @param line where the record was read (1-based), 0 when it did not come from a file
 */
public record TextRecord(
        String id, String text, String answer, String title, Map<String, MetadataValue> metadata, long line) {

    public TextRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
