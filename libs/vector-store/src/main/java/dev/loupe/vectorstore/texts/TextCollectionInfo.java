package dev.loupe.vectorstore.texts;

import java.util.Map;

/**
 * A text collection as it stands: what every search needs of it (its record count is {@link
 * TextStore#count}, asked for only where it is shown).
 *
 * @param fields the metadata fields its records hold, with the type each was first stored with (an
 *     integer field that later held a decimal is a number)
 */
public record TextCollectionInfo(TextCollectionSpec spec, Map<String, MetadataType> fields) {

    public TextCollectionInfo {
        fields = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(fields));
    }

    /** How this collection's filters name their fields. */
    public TextFilterFields filterFields() {
        return new TextFilterFields(fields);
    }
}
