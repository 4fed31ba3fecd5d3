package dev.loupe.vectorstore.texts;

import dev.loupe.vectorstore.FilterField;
import dev.loupe.vectorstore.InvalidFilterException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The filter fields of one text collection: {@code id}, and its metadata fields named directly
 * ({@code {"field": "subject", "op": "eq", "value": "math"}}) with the types they were declared or
 * inferred with. Integer and number fields compare as numbers; tag lists take {@code contains}.
 */
public final class TextFilterFields implements FilterField.Resolver {

    /** The one built-in field; a metadata field cannot take its name. */
    public static final String ID = "id";

    private final Map<String, MetadataType> fields;

    public TextFilterFields(Map<String, MetadataType> fields) {
        this.fields = new TreeMap<>(fields);
    }

    @Override
    public FilterField resolve(String name) {
        if (ID.equals(name)) {
            return new FilterField(ID, FilterField.Type.STRING);
        }
        MetadataType type = name == null ? null : fields.get(name);
        if (type == null) {
            throw new InvalidFilterException("unknown filter field '" + name + "'; this collection has id"
                    + (fields.isEmpty()
                            ? " and no metadata fields yet"
                            : " and " + String.join(", ", fields.keySet())));
        }
        return new FilterField(name, filterType(type));
    }

    static FilterField.Type filterType(MetadataType type) {
        return switch (type) {
            case STRING -> FilterField.Type.STRING;
            case INTEGER, NUMBER -> FilterField.Type.NUMBER;
            case TAGS -> FilterField.Type.STRING_LIST;
        };
    }

    /**
     * The field types after declaring {@code declared}: null when nothing changed.
     *
     * @throws dev.loupe.vectorstore.CollectionConflictException when a field holds another type
     */
    public static Map<String, MetadataType> declared(
            Map<String, MetadataType> known, Map<String, MetadataType> declared) {
        Map<String, MetadataType> out = new TreeMap<>(known);
        boolean changed = false;
        for (Map.Entry<String, MetadataType> field : declared.entrySet()) {
            MetadataType have = known.get(field.getKey());
            if (have == null) {
                out.put(field.getKey(), field.getValue());
                changed = true;
            } else if (have != field.getValue()) {
                throw new dev.loupe.vectorstore.CollectionConflictException(
                        "metadata field '" + field.getKey() + "' holds " + have.wireName() + " values, not "
                                + field.getValue().wireName());
            }
        }
        return changed ? out : null;
    }

    /**
     * The field types after storing {@code entries}: new fields take their value's type, an integer
     * field that meets a decimal becomes a number, and a value of another type leaves its field as it
     * was (imports refuse such records before they reach the store). Null when nothing changed.
     */
    public static Map<String, MetadataType> merged(Map<String, MetadataType> known, Iterable<TextEntry> entries) {
        Map<String, MetadataType> out = null;
        for (TextEntry entry : entries) {
            for (Map.Entry<String, MetadataValue> field : entry.metadata().entrySet()) {
                MetadataType have = field.getValue().type();
                MetadataType seen = (out == null ? known : out).get(field.getKey());
                MetadataType next =
                        seen == null ? have : seen == MetadataType.INTEGER && have == MetadataType.NUMBER ? have : seen;
                if (next != seen) {
                    if (out == null) {
                        out = new TreeMap<>(known);
                    }
                    out.put(field.getKey(), next);
                }
            }
        }
        return out;
    }
}
