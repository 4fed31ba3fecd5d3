package dev.loupe.search.classifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.search.photo.PhotoView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A photo with a classifier's verdict: a candidate to label, or a positive found by applying. */
@Schema(name = "ClassifiedPhoto", description = "A photo, its score under the classifier and the probability")
@JsonPropertyOrder({"id", "score", "probability", "boundary", "url", "thumbnailUrl", "title", "tags"})
public record ClassifiedPhoto(
        @Schema(description = "Photo id", examples = "caltech_pizza.jpg")
        String id,

        @Schema(description = "Cosine between the photo and the classifier's direction, -1 to 1")
        double score,

        @Schema(description = "The classifier's probability that the photo is right, 0 to 1")
        double probability,

        @Schema(
                description = "Candidates only: proposed for lying near the decision boundary (probability"
                        + " near 0.5) rather than among the classifier's top photos")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Boolean boundary,

        @Schema(description = "Where the photo was imported from")
        String url,

        @Schema(description = "Where a small JPEG of it is served")
        String thumbnailUrl,

        String title,
        List<String> tags) {

    /**
     * @param photo the photo as the API shows it elsewhere
     * @param boundary null outside candidates
     */
    static ClassifiedPhoto of(PhotoView photo, double score, double probability, Boolean boundary) {
        return new ClassifiedPhoto(
                photo.id(),
                score,
                probability,
                boundary,
                photo.url(),
                photo.thumbnailUrl(),
                photo.title(),
                photo.tags());
    }
}
