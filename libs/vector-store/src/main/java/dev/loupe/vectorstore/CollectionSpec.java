package dev.loupe.vectorstore;

import java.util.regex.Pattern;

/**
 * What a collection is created with.
 *
 * @param name letters, digits and underscores, starting with a letter (Milvus' rule, applied to all
 *     adapters so a name valid in one is valid in the other)
 * @param dimensions vector length
 */
public record CollectionSpec(String name, int dimensions, Metric metric, IndexSettings index) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,254}");

    public CollectionSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("collection name '" + name
                    + "' must start with a letter and hold only letters, digits and underscores (at most 255)");
        }
        if (dimensions < 2 || dimensions > 32_768) {
            throw new IllegalArgumentException("dimensions must be between 2 and 32768, got " + dimensions);
        }
        if (metric == null || index == null) {
            throw new IllegalArgumentException("metric and index settings must not be null");
        }
    }

    public static CollectionSpec of(String name, int dimensions) {
        return new CollectionSpec(name, dimensions, Metric.COSINE, IndexSettings.DEFAULT);
    }
}
