package dev.loupe.ingest.texts;

import dev.loupe.vectorstore.texts.MetadataType;
import dev.loupe.vectorstore.texts.MetadataValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The metadata fields of a text collection and their types: declared on the collection, or inferred
 * from the first value an import brings (an integer field widens to a number when a decimal follows).
 * A value of another type fails its record, never the import. Not thread-safe: one per import.
 */
public final class MetadataSchema {

    /** What a field may be called: it is written as is in filters. */
    public static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final Map<String, MetadataType> declared;
    private final Map<String, MetadataType> inferred = new LinkedHashMap<>();

    private MetadataSchema(Map<String, MetadataType> declared) {
        this.declared = Map.copyOf(declared);
    }

    /** Types inferred as records come. */
    public static MetadataSchema inferred() {
        return new MetadataSchema(Map.of());
    }

    /**
     * Types declared on the collection, by name ({@code {"grade": "integer", "tags": "tags"}}).
     *
     * @throws IllegalArgumentException for a bad field name or an unknown type
     */
    public static MetadataSchema declared(Map<String, String> types) {
        Map<String, MetadataType> parsed = new LinkedHashMap<>();
        types.forEach((field, type) -> {
            requireName(field);
            try {
                parsed.put(field, MetadataType.parse(type));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("metadata field '" + field + "': " + e.getMessage(), e);
            }
        });
        return new MetadataSchema(parsed);
    }

    /** Every field's type so far: the declared ones, then those inferred. */
    public Map<String, MetadataType> types() {
        Map<String, MetadataType> all = new LinkedHashMap<>(declared);
        inferred.forEach(all::putIfAbsent);
        return all;
    }

    /** The type declared on the collection for a field, if any. */
    Optional<MetadataType> declared(String field) {
        return Optional.ofNullable(declared.get(field));
    }

    /** Why a record's metadata does not fit, if it does not; nothing is recorded until {@link #accept}. */
    Optional<String> conflict(Map<String, MetadataValue> metadata) {
        for (Map.Entry<String, MetadataValue> entry : metadata.entrySet()) {
            MetadataType have = entry.getValue().type();
            MetadataType want = declared.get(entry.getKey());
            if (want != null && !want.accepts(have)) {
                return Optional.of("metadata field '" + entry.getKey() + "' is declared " + want.wireName() + ", got "
                        + have.wireName());
            }
            MetadataType seen = inferred.get(entry.getKey());
            if (want == null && seen != null && !seen.accepts(have) && !widens(seen, have)) {
                return Optional.of("metadata field '" + entry.getKey() + "' holds " + seen.wireName()
                        + " values in earlier records, got " + have.wireName());
            }
        }
        return Optional.empty();
    }

    /** Records the types of a record that fits. */
    void accept(Map<String, MetadataValue> metadata) {
        metadata.forEach((field, value) -> {
            if (!declared.containsKey(field)) {
                inferred.merge(field, value.type(), (seen, have) -> widens(seen, have) ? have : seen);
            }
        });
    }

    static void requireName(String field) {
        if (field == null || !FIELD_NAME.matcher(field).matches()) {
            throw new IllegalArgumentException("metadata field name '" + field
                    + "' must start with a letter and hold at most 64 letters, digits and underscores");
        }
    }

    private static boolean widens(MetadataType seen, MetadataType have) {
        return seen == MetadataType.INTEGER && have == MetadataType.NUMBER;
    }
}
