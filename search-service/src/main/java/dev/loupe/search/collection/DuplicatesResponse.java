package dev.loupe.search.collection;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The near-duplicate groups of a collection.
 *
 * @param collection the collection scanned
 * @param threshold the cosine at or above which two photos are linked
 * @param scanned photos compared
 * @param exact whether all pairs were compared (small collections) or k nearest neighbours per photo
 * @param totalGroups groups found
 * @param groups the largest groups first, at most {@code limit}
 */
@Schema(name = "DuplicatesResponse", description = "Near-duplicate groups, largest first")
@JsonPropertyOrder({"collection", "threshold", "scanned", "exact", "totalGroups", "groups"})
public record DuplicatesResponse(
        String collection,
        double threshold,
        @Schema(description = "Photos compared") long scanned,

        @Schema(description = "True when all pairs were compared; false when each photo's nearest neighbours were")
        boolean exact,

        @Schema(description = "Groups found (more than listed when limited)")
        int totalGroups,

        @Schema(description = "Largest groups first") List<DuplicateGroup> groups) {}
