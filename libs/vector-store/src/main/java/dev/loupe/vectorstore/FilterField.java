package dev.loupe.vectorstore;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A record field a filter may test, with the type its values must have. {@code extra.<key>} names a
 * string in {@link PhotoRecord#extra()}.
 *
 * @param name the field as written in filters ({@code width}, {@code tags}, {@code extra.camera})
 * @param type what values it holds
 */
public record FilterField(String name, Type type) {

    /** Value types; a filter's values are checked against them before any adapter sees them. */
    public enum Type {
        STRING,
        INTEGER,
        /** A decimal number (a text collection's integer or number metadata), compared as a double. */
        NUMBER,
        INSTANT,
        /** A list of strings, tested with {@link Filter.Op#CONTAINS}. */
        STRING_LIST
    }

    private static final Pattern EXTRA_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /**
     * Resolves a field name.
     *
     * @throws InvalidFilterException for an unknown field or a malformed {@code extra.} key
     */
    public static FilterField named(String name) {
        if (name == null) {
            throw new InvalidFilterException("a filter needs a field");
        }
        if (name.startsWith("extra.")) {
            String key = name.substring("extra.".length());
            if (!EXTRA_KEY.matcher(key).matches()) {
                throw new InvalidFilterException("extra field key '" + key
                        + "' must start with a letter and hold only letters, digits and underscores");
            }
            return new FilterField(name, Type.STRING);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "id" -> new FilterField("id", Type.STRING);
            case "url" -> new FilterField("url", Type.STRING);
            case "title" -> new FilterField("title", Type.STRING);
            case "source" -> new FilterField("source", Type.STRING);
            case "contenthash" -> new FilterField("contentHash", Type.STRING);
            case "modelid" -> new FilterField("modelId", Type.STRING);
            case "width" -> new FilterField("width", Type.INTEGER);
            case "height" -> new FilterField("height", Type.INTEGER);
            case "takenat" -> new FilterField("takenAt", Type.INSTANT);
            case "indexedat" -> new FilterField("indexedAt", Type.INSTANT);
            case "tags" -> new FilterField("tags", Type.STRING_LIST);
            default ->
                throw new InvalidFilterException("unknown filter field '" + name
                        + "'; use id, url, title, source, contentHash, modelId, width, height, takenAt, indexedAt,"
                        + " tags or extra.<key>");
        };
    }

    /** Resolves the field names of one kind of collection. */
    @FunctionalInterface
    public interface Resolver {
        /**
         * @throws InvalidFilterException for a name this kind of collection does not have
         */
        FilterField resolve(String name);
    }

    /** The fields of photo collections. */
    public static final Resolver PHOTOS = FilterField::named;

    /** The key inside {@code extra}, or null when this is not an extra field. */
    public String extraKey() {
        return name.startsWith("extra.") ? name.substring("extra.".length()) : null;
    }
}
