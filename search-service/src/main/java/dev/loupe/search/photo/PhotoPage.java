package dev.loupe.search.photo;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a collection, as {@code GET /v1/photos} answers it.
 *
 * @param total photos in the collection that match the filter, on every page
 * @param photos at most {@code limit} photos from position {@code offset}, in the store's order
 */
@Schema(name = "PhotoPage", description = "One page of a collection's photos, in the store's order")
@JsonPropertyOrder({"collection", "total", "offset", "limit", "photos"})
public record PhotoPage(
        @Schema(description = "The collection browsed", examples = "photos")
        String collection,

        @Schema(description = "Photos that match the filter in the whole collection")
        long total,

        @Schema(description = "Position of the first photo of this page")
        int offset,

        @Schema(description = "Most photos a page holds") int limit,

        @Schema(description = "The page's photos (no scores)")
        List<PhotoView> photos) {}
