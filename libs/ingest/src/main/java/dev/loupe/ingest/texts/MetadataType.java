package dev.loupe.ingest.texts;

import java.util.Arrays;
import java.util.Locale;

/** The type of a metadata field of a text collection, declared on the collection or inferred on import. */
public enum MetadataType {
    STRING,
    INTEGER,
    /** A decimal number; an integer value is accepted too. */
    NUMBER,
    /** A list of strings, tested with contains. */
    TAGS;

    /** The name as written in a collection's declaration ({@code "string"}, {@code "tags"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a declared type.
     *
     * @throws IllegalArgumentException naming the accepted types
     */
    public static MetadataType parse(String name) {
        for (MetadataType type : values()) {
            if (type.wireName().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown metadata type '" + name + "'; use one of "
                + Arrays.stream(values()).map(MetadataType::wireName).toList());
    }

    /** Whether a value of type {@code value} may be stored in a field of this type. */
    boolean accepts(MetadataType value) {
        return this == value || (this == NUMBER && value == INTEGER);
    }
}
