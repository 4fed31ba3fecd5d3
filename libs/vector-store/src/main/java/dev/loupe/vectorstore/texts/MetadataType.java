package dev.loupe.vectorstore.texts;

import dev.loupe.vectorstore.WireNames;

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
        return WireNames.of(this);
    }

    /**
     * Parses a declared type.
     *
     * @throws IllegalArgumentException naming the accepted types
     */
    public static MetadataType parse(String name) {
        return WireNames.parse(values(), name, "metadata type");
    }

    /** Whether a value of type {@code value} may be stored in a field of this type. */
    public boolean accepts(MetadataType value) {
        return this == value || (this == NUMBER && value == INTEGER);
    }
}
