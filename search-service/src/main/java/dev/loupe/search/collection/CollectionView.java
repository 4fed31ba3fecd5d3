package dev.loupe.search.collection;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One collection, as {@code GET /v1/collections} lists it.
 *
 * @param model the id of the model that embeds queries against it; null when its dimension differs
 *     (another model built it)
 */
@Schema(name = "Collection", description = "A collection of photos")
@JsonPropertyOrder({"name", "dimension", "metric", "count", "model", "default"})
public record CollectionView(
        @Schema(description = "Name", examples = "photos") String name,

        @Schema(description = "Length of its vectors", examples = "512")
        int dimension,

        @Schema(
                description = "How vectors are compared",
                enumeration = {"cosine", "dot_product"})
        String metric,

        @Schema(description = "Photos it holds") long count,

        @Schema(description = "Model that embeds queries for it; null when another model built it")
        String model,

        @Schema(description = "Whether requests that name no collection use it") @JsonProperty("default")
        boolean isDefault) {}
