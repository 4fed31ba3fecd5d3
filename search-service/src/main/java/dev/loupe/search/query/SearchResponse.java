package dev.loupe.search.query;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.loupe.search.photo.PhotoView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of a search: the hits, best first.
 *
 * @param collection the collection searched
 * @param hits the nearest photos to the query that match the filter, best first
 */
@Schema(name = "SearchResponse", description = "Hits, best first, with cosine similarity scores")
@JsonPropertyOrder({"collection", "hits"})
public record SearchResponse(
        @Schema(description = "The collection searched", examples = "photos")
        String collection,

        @Schema(description = "Nearest photos, best first") List<PhotoView> hits) {}
