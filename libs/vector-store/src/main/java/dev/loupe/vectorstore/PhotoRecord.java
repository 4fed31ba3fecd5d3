package dev.loupe.vectorstore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A photo as the vector store keeps it. Only {@code id} and {@code vector} are required; absent
 * values are null (lists and maps empty).
 *
 * @param id primary key, unique within a collection
 * @param vector the L2-normalised embedding
 * @param collection the collection the record belongs to
 * @param tags labels (a folder name, user tags); filterable with {@link Filter#tagContains}
 * @param extra further string metadata, filterable as {@code extra.<key>}
 */
public record PhotoRecord(
        String id,
        float[] vector,
        String collection,
        String url,
        String thumbnailUrl,
        String title,
        String description,
        List<String> tags,
        Integer width,
        Integer height,
        String source,
        Instant takenAt,
        Instant indexedAt,
        String contentHash,
        String modelId,
        Map<String, String> extra) {

    public PhotoRecord {
        Objects.requireNonNull(id, "id");
        tags = tags == null ? List.of() : List.copyOf(tags);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A record with only an id and a vector, for tests and simple imports. */
    public static PhotoRecord of(String id, float[] vector) {
        return new PhotoRecord(
                id, vector, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public PhotoRecord withVector(float[] newVector) {
        return new PhotoRecord(
                id,
                newVector,
                collection,
                url,
                thumbnailUrl,
                title,
                description,
                tags,
                width,
                height,
                source,
                takenAt,
                indexedAt,
                contentHash,
                modelId,
                extra);
    }

    /** The same record with other tags (adding a classifier's tag to its positives, say). */
    public PhotoRecord withTags(List<String> newTags) {
        return new PhotoRecord(
                id,
                vector,
                collection,
                url,
                thumbnailUrl,
                title,
                description,
                newTags,
                width,
                height,
                source,
                takenAt,
                indexedAt,
                contentHash,
                modelId,
                extra);
    }
}
