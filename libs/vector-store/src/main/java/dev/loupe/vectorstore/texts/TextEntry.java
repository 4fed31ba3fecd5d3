package dev.loupe.vectorstore.texts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record of a text collection as the store keeps it.
 *
 * @param id primary key, unique within the collection
 * @param vector the text's embedding (null in hits that do not ask for vectors)
 * @param text what is embedded and searched by meaning and by words
 * @param answer shown with the hit; null when absent
 * @param title null when absent
 * @param metadata filterable fields by name, in the order given
 * @param indexedAt when it was stored; null when unknown
 */
public record TextEntry(
        String id,
        float[] vector,
        String text,
        String answer,
        String title,
        Map<String, MetadataValue> metadata,
        Instant indexedAt) {

    public TextEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The same entry without its vector, as hits carry it. */
    public TextEntry withoutVector() {
        return vector == null ? this : new TextEntry(id, null, text, answer, title, metadata, indexedAt);
    }
}
