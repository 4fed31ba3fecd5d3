package dev.loupe.search.collection;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.search.photo.PhotoView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Photos linked by near-duplicate pairs.
 *
 * @param size how many photos the group holds
 * @param minScore the lowest cosine among the links that joined the group (every link is at least the
 *     threshold; two members may be less alike when joined through others)
 * @param maxScore the highest cosine among its links
 * @param photos its photos by id, at most 100 (null for a text collection)
 * @param texts its texts by id, at most 100 (null for a photo collection)
 */
@Schema(
        name = "DuplicateGroup",
        description = "Photos or texts connected by pairs at least as similar as the threshold")
@JsonPropertyOrder({"size", "minScore", "maxScore", "photos", "texts"})
public record DuplicateGroup(
        @Schema(description = "Photos in the group") int size,

        @Schema(description = "Lowest cosine among the links that joined the group")
        double minScore,

        @Schema(description = "Highest cosine among its links")
        double maxScore,

        @Schema(description = "Its photos by id (at most 100 listed); absent for a text collection")
        List<PhotoView> photos,

        @Schema(description = "Its texts by id (at most 100 listed); absent for a photo collection")
        List<dev.loupe.search.texts.TextHitView> texts) {}
