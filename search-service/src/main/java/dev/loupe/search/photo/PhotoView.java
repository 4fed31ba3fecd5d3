package dev.loupe.search.photo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.vectorstore.PhotoRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A photo as the API shows it: a search hit (with its score) or a photo looked up by id (without).
 * Absent metadata is null; {@code tags} and {@code extra} are empty then.
 *
 * @param score cosine similarity to the query in [-1, 1]; only on search hits
 */
@Schema(name = "Photo", description = "A photo and its metadata; 'score' only on search hits")
@JsonPropertyOrder({
    "id",
    "score",
    "url",
    "thumbnailUrl",
    "title",
    "description",
    "tags",
    "width",
    "height",
    "source",
    "takenAt",
    "collection",
    "indexedAt",
    "modelId",
    "extra"
})
public record PhotoView(
        @Schema(description = "Photo id, unique in its collection", examples = "caltech_pizza.jpg")
        String id,

        @Schema(description = "Cosine similarity to the query in [-1, 1], higher is closer; search hits only")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Float score,

        @Schema(description = "Where the photo was imported from")
        String url,

        @Schema(description = "Where a small JPEG of it is served")
        String thumbnailUrl,

        String title,
        String description,

        @Schema(description = "Labels; filter with {\"field\": \"tags\", \"op\": \"contains\", \"value\": ...}")
        List<String> tags,

        Integer width,
        Integer height,

        @Schema(description = "Where it came from (folder, unsplash, url, ...)")
        String source,

        Instant takenAt,
        String collection,

        @Schema(description = "When it was (last) embedded and stored")
        Instant indexedAt,

        @Schema(description = "Id of the model that embedded it")
        String modelId,

        @Schema(description = "Further metadata; filterable as extra.<key>")
        Map<String, String> extra) {

    /** The view of a stored record; {@code collection} fills in a record that does not name its own. */
    public static PhotoView of(PhotoRecord record, Float score, String collection) {
        return new PhotoView(
                record.id(),
                score,
                record.url(),
                record.thumbnailUrl(),
                record.title(),
                record.description(),
                record.tags(),
                record.width(),
                record.height(),
                record.source(),
                record.takenAt(),
                record.collection() != null ? record.collection() : collection,
                record.indexedAt(),
                record.modelId(),
                record.extra());
    }
}
